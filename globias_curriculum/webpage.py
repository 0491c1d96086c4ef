"""The HTML page shell and style shared by the coverage report and the exported site.

Pages are self-contained: no script, no network, no external asset; a Content-Security-Policy says so to
the browser. Every piece of course text must be passed through `html.escape` by the caller.
"""

from __future__ import annotations

from html import escape

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:2px solid #08519c;padding-bottom:4px}
h3{margin-bottom:.3em}.note{color:#555;font-size:.9em}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:140px}
.card b{display:block;font-size:1.6em}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef3f8}
.status{display:inline-block;min-width:3.5em;text-align:center;border-radius:4px;color:#fff;font-weight:600;
  padding:0 4px}
.course{background:#fff;border:1px solid #ddd;border-radius:8px;padding:4px 16px 12px;margin:16px 0}
svg text{font-family:system-ui,sans-serif}.legend span{display:inline-block;padding:0 6px;margin-right:6px}
@media print{body{background:#fff}.course,.card{break-inside:avoid;border-color:#999}main{max-width:none}}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def page(title: str, body: str, head: str = "") -> str:
    """A whole HTML document; `title` is escaped here, `body` and `head` must already be safe HTML."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style>\n{head}</head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )
