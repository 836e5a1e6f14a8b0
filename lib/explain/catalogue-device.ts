import { descOf, type CatalogueEntry } from "./catalogue-types"

/**
 * The Device flow's errors (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_device_flow.htm;
 * the wire strings and their sources are in docs/fidelity.md, F-141, F-145). Listed before the
 * general OAuth entries, so a denied or expired device gets its own explanation.
 */
export const DEVICE_ENTRIES: CatalogueEntry[] = [
  {
    id: "device-flow-not-enabled",
    error: "invalid_grant",
    description: "device flow is not enabled for the app",
    where: ["token"],
    title: "The app does not allow the Device flow",
    meaning:
      'Salesforce refuses both steps of the Device flow for an app whose OAuth settings do not have "Enable for Device Flow" ticked.',
    causes: [
      "The box was never ticked: it is off on a new app.",
      "The app is a connected app that is not installed in the org: since September 2025 Salesforce blocks the Device flow for uninstalled apps, even for users who approved them before (the Salesforce CLI's default app was hit in August 2025).",
    ],
    fix: [
      'Connected app: Setup → App Manager → the app → Edit → API (Enable OAuth Settings) → tick "Enable for Device Flow" and save. External Client App: Setup → External Client App Manager → the app → Settings → OAuth Settings → Flow Enablement → "Enable Device Flow".',
      "Install an uninstalled connected app: Setup → Connected Apps OAuth Usage → find the app → Install.",
      "Wait 2 to 10 minutes for the change to reach the login servers, then start again.",
    ],
    match: (f) => f.error === "invalid_grant" && descOf(f).includes("device flow is not enabled"),
  },
  {
    id: "device-access-denied",
    error: "access_denied",
    description: "end-user denied authorization",
    where: ["token"],
    title: "The person denied the device access",
    meaning:
      "On the verification page the person entered the code and pressed Deny; the device's next poll learned it. This device code can never be used again.",
    causes: ["The person declined.", "Someone else entered the code shown on the device."],
    fix: ["Start again to get a new code, and press Allow on the verification page."],
    match: (f) => f.flow === "device" && f.error === "access_denied",
  },
  {
    id: "device-code-expired",
    error: "DEVICE_CODE_EXPIRED",
    where: ["this site"],
    title: "Nobody allowed access in time",
    meaning:
      "A device code lives a few minutes (Salesforce sends no expires_in; the embedded org's live 10 minutes). The site stops polling when its time is up, and Salesforce answers a late poll with invalid_grant.",
    causes: [
      "The verification page was never opened, or the code was never entered.",
      "The code was entered but Allow was not pressed.",
    ],
    fix: [
      "Start again and enter the new code promptly: open the link or scan the QR code, log in, enter the code, press Allow.",
    ],
    match: (f) =>
      f.code === "DEVICE_CODE_EXPIRED" ||
      (f.flow === "device" && f.error === "invalid_grant" && descOf(f).includes("expired")),
  },
  {
    id: "device-token-exchange-failed",
    error: "invalid_grant",
    description: "token exchange failed",
    where: ["token"],
    title: "The device code cannot be exchanged",
    meaning:
      "Salesforce does not know the device code for this app: it was already exchanged for tokens, it belongs to another app, or it is not a device code at all.",
    causes: [
      "Two polling loops shared one device code: the first got the tokens, the second this error.",
      "The client_id of the poll differs from the one that asked for the code.",
    ],
    fix: ["Start again; poll with one loop, with the same consumer key as step 1."],
    match: (f) => f.error === "invalid_grant" && descOf(f).includes("token exchange failed"),
  },
  {
    id: "authorization-pending",
    error: "authorization_pending",
    where: ["token"],
    title: "Still waiting for the person",
    meaning:
      "Not a failure: the person has not yet entered the code and pressed Allow. Poll again after the interval.",
    causes: ["The person is still on the verification page, or has not opened it yet."],
    fix: ["Keep polling at the interval until tokens, access_denied or an expiry come back."],
    match: (f) => f.error === "authorization_pending",
  },
  {
    id: "slow-down",
    error: "slow_down",
    description: "polling too quickly for the token endpoint",
    where: ["token"],
    title: "Polling too fast",
    meaning:
      "The device polled sooner than the interval Salesforce asked for. The request is still pending; the device must wait longer.",
    causes: [
      "A loop that ignores interval, or several loops polling with one device code.",
      "Retrying at once after an error.",
    ],
    fix: [
      "Wait interval seconds between polls, and add 5 seconds to it after each slow_down (RFC 8628 §3.5).",
    ],
    match: (f) => f.error === "slow_down",
  },
]
