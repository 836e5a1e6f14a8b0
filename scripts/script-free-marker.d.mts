export const SCRIPT_FREE_META_NAME: "lab-runtime"
export const SCRIPT_FREE_META_CONTENT: "none"
export const OPENABLE_META_NAME: "lab-opener"
export const OPENABLE_META_CONTENT: "any"
