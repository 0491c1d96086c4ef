"""The HTML page shell and style shared by the coverage report and the exported site.

Pages are self-contained: no script, no network, no external asset; a Content-Security-Policy says so to
the browser. Every piece of course text must be passed through `html.escape` by the caller (`inline` does it
and also shows Markdown `code` spans as code).

The style is made for reading on a laptop and on a phone: long URLs and file paths wrap instead of widening
the page, tables marked `stack` become one block per row below 700 px (each cell labelled by its
`data-label`), and wide figures scroll inside their own box. tests/test_browser.py measures this in Chromium.
"""

from __future__ import annotations

import re
from html import escape

CSS = """
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:1.7em;line-height:1.25;margin:.3em 0 .2em}
h2{font-size:1.35em;margin:1.6em 0 .6em;padding-bottom:4px;border-bottom:2px solid #08519c}
h3{font-size:1.12em;margin:1.3em 0 .4em}h4{font-size:1em;margin:1em 0 .3em}
p{margin:.4em 0 .7em}a{color:#0b57a4}
a,code,.loc,.wrap{overflow-wrap:anywhere}td,th,li,p,h1,h2,h3,h4,summary{overflow-wrap:break-word}
code{font:.9em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eceff3;border-radius:3px;
  padding:0 3px}
.note,.meta{color:#4a4f57;font-size:.9em}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{background:#fff;border:1px solid #d9dde3;border-left-width:5px;border-radius:6px;padding:6px 14px;
  min-width:120px;color:inherit;text-decoration:none}
.card b{display:block;font-size:1.5em;line-height:1.2}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
th,td{border:1px solid #d9dde3;padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:#eef3f8}tbody th{background:#f4f7fa;font-weight:600;width:11em}
td.num,th.num{text-align:right;white-space:nowrap}.nowrap{white-space:nowrap}
ul.plain{list-style:none;padding-left:0}
.box{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:4px 16px 12px;margin:14px 0}
.scroll{overflow-x:auto;max-width:100%}
details{margin:8px 0}summary{cursor:pointer;font-weight:600;padding:4px 0}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:.85em;font-weight:600;border:1px solid;
  white-space:nowrap;vertical-align:baseline}
.error{--tone:#c0392b}.warning{--tone:#b86e00}.info{--tone:#1f6fa8}.pass{--tone:#00795a}
.waived{--tone:#8a6d00}.gap{--tone:#c0392b}.not-applicable{--tone:#6b7078}
.badge{color:var(--tone,#333);border-color:var(--tone,#999);background:#fff}
.card.error,.card.warning,.card.info,.card.pass{border-left-color:var(--tone)}
.bar{display:inline-block;width:140px;height:12px;background:#e6e9ed;border-radius:2px;vertical-align:middle}
.bar span{display:block;height:100%;background:#2f7fc1;border-radius:2px}
@media (max-width:700px){
  body{font-size:15px}main{padding:10px 12px 32px}h1{font-size:1.45em}
  .cards{gap:6px}.card{min-width:0;flex:1 1 70px;padding:4px 8px;font-size:.88em;overflow-wrap:normal}
  .card b{font-size:1.4em}
  table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack tbody th{display:block;width:auto}
  table.stack thead{display:none}table.stack{background:none}
  table.stack tr{background:#fff;border:1px solid #d9dde3;border-radius:6px;margin:0 0 8px;padding:4px 0}
  table.stack td,table.stack tbody th{border:none;padding:2px 10px;background:none}
  table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#4a4f57}
  .bar{width:90px}
}
@media print{body{background:#fff}.box,.card{break-inside:avoid;border-color:#999}main{max-width:none}
  details>*{display:block}}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def inline(text: str) -> str:
    """Text as safe HTML: escaped first, then each Markdown `code` span (as our messages write field names)
    shown as <code>; a lone backtick stays a backtick."""
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(text))


def page_start(title: str, head: str = "") -> str:
    """Everything before the body's content, so a long page can be written a piece at a time."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style>\n{head}</head>\n"
        "<body><main>\n"
    )


PAGE_END = "\n</main></body></html>\n"


def page(title: str, body: str, head: str = "") -> str:
    """A whole HTML document; `title` is escaped here, `body` and `head` must already be safe HTML."""
    return page_start(title, head) + body + PAGE_END
