import type { EcaApplyReport } from "../store/eca-apply"
import { html, joinHtml, type SafeHtml } from "./html"
import { csrfField, page } from "./layout"

/** The settings page's card: upload the External Client App zip /setup makes (no script: a plain form). */
export function ecaImportCard(basePath: string, csrf: string): SafeHtml {
  return html`<div class="card">
<h2 id="eca-import-h">Import External Client App metadata</h2>
<p>The zip the lab's setup page generates (or any Salesforce DX project with one External Client App): the org applies the policies it declares that this org models, and lists the rest.</p>
<form method="post" action="${basePath}/settings/eca-import" enctype="multipart/form-data" aria-labelledby="eca-import-h">
${csrfField(csrf)}
<label for="eca-zip">Zip file (at most 256 KB)</label>
<input type="file" id="eca-zip" name="zip" accept=".zip,application/zip" required>
<button type="submit">Import</button>
</form>
</div>`
}

const list = (items: readonly string[], empty: string) =>
  items.length
    ? html`<ul>${joinHtml(
        items.map((i) => html`<li>${i}</li>`),
        "\n",
      )}</ul>`
    : html`<p class="muted">${empty}</p>`

/** What an import did: applied, declared but not modelled yet, refused, ignored. */
export function ecaImportResultPage(o: {
  basePath: string
  appName: string
  files: readonly string[]
  report: EcaApplyReport
  ignored: readonly string[]
}): Response {
  const body = html`<div class="card">
<h1>External Client App imported</h1>
<p role="status">Imported <strong>${o.appName}</strong> from ${o.files.length} metadata file${o.files.length === 1 ? "" : "s"}. Settings apply to the next request.</p>
<h2>Applied</h2>
${list(o.report.applied, "Nothing this org models was declared.")}
<h2>Declared, not modelled yet</h2>
${list(o.report.notModelled, "None.")}
<h2>Refused</h2>
${list(o.report.refused, "None.")}
<h2>Ignored</h2>
${list(o.ignored, "None.")}
<p><a href="${o.basePath}/settings">Back to the org settings</a></p>
</div>`
  return page({ basePath: o.basePath, title: "External Client App imported", body, wide: true })
}
