import { html } from "./html"
import { page } from "./layout"

/**
 * The page Salesforce shows when it cannot redirect safely (unknown client, bad `redirect_uri`).
 * Its text carries the same `error=…&error_description=…` string Salesforce's page does
 * (unverified: known from third-party clients that parse it), so tools that scrape it keep working.
 */
export function authorizeErrorPage(basePath: string, error: string, description: string): Response {
  const wire = `error=${encodeURIComponent(error)}&error_description=${encodeURIComponent(description)}`
  const body = html`<div class="card">
<h1>OAuth Error</h1>
<p class="error" role="alert">We can't authorize you because of an OAuth error. For more information, contact your Salesforce administrator.</p>
<p><strong>${error}</strong>: ${description}</p>
<p class="muted"><code>${wire}</code></p>
</div>`
  return page({ basePath, title: "OAuth Error", body, status: 400 })
}

export function messagePage(
  basePath: string,
  title: string,
  message: string,
  status: number,
): Response {
  return page({
    basePath,
    title,
    status,
    body: html`<div class="card"><h1>${title}</h1><p>${message}</p></div>`,
  })
}
