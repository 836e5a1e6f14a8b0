export const SCRIPT_FREE_META_NAME: "lab-runtime"
export const SCRIPT_FREE_META_CONTENT: "none"
