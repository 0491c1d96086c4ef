"""Text from course files made safe for where it is printed: terminals, CI logs, Markdown, HTML.

Course files come from other people's pull requests; their keys, titles and even file names reach
terminals (where ESC sequences move the cursor or write the clipboard: OSC 52) and CI logs (where a line
starting `::error` is a GitHub workflow command). Every human-readable reporter passes course text through
`printable` first, which shows control characters as escapes and so keeps every finding on its own line.
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidirectional overrides that
#: reorder what a reader sees (Trojan Source, CVE-2021-42574).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: object) -> str:
    """One line of text with every control or reordering character shown as a visible escape."""
    return _UNSAFE.sub(_escaped, str(text))


def clip(text: str, limit: int = 200) -> str:
    """At most `limit` characters of a quoted value: a message must not repeat a 50 KB string."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~@:])")


def markdown(text: object) -> str:
    """Course text as literal Markdown: no markup, link, autolink, mention, HTML or table break comes through.

    `:` is escaped so `https://x` is not autolinked by GitHub's renderer; `@` so `@user` mentions no one.
    """
    flat = printable(" ".join(str(text).split()))
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def github_data(text: str) -> str:
    """The message part of a workflow command (GitHub's escaping, after our own for control characters)."""
    return printable(text).replace("%", "%25")


def github_property(text: str) -> str:
    """A property value (file=, title=) of a workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
