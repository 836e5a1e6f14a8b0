/** The org pages' only stylesheet, served from the org itself so the CSP needs no inline styles. */
export const ORG_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f6fb;color:#181818;line-height:1.45}
.org-banner{background:#032d60;color:#fff;padding:.75rem 1.25rem;font-weight:600}
.org-logo{color:#1b96ff;font-size:1.3rem}
.org-note{font-weight:400;color:#c9d9f0;font-size:.85rem;margin-left:.5rem}
.org-main{max-width:34rem;margin:2rem auto;padding:0 1rem}
.org-main.wide{max-width:60rem}
.card{background:#fff;border:1px solid #d8dde6;border-radius:.5rem;padding:1.5rem;margin-bottom:1.25rem}
h1{font-size:1.4rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password],input[type=email],select{width:100%;padding:.55rem .6rem;border:1px solid #747474;border-radius:.25rem;font-size:1rem}
button{font-size:1rem;padding:.55rem 1.2rem;border-radius:.25rem;border:1px solid #0b5cab;background:#0b5cab;color:#fff;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#0b5cab}
button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #1b96ff;outline-offset:2px}
.actions{display:flex;gap:.75rem;flex-wrap:wrap}
.error{background:#fef1ee;border:1px solid #ba0517;color:#8e030f;padding:.75rem;border-radius:.25rem;margin-bottom:1rem}
.notice{background:#eef4ff;border:1px solid #0b5cab;padding:.75rem;border-radius:.25rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e5e5e5;vertical-align:top}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f3f3f3;padding:.05rem .25rem;border-radius:.2rem;word-break:break-all}
ul.scopes{padding-left:1.2rem}
.muted{color:#444}
fieldset{border:1px solid #d8dde6;border-radius:.35rem;margin:.75rem 0;padding:.5rem 1rem}
legend{font-weight:600}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.35rem 0}
a{color:#0b5cab}
`
