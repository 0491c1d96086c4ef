"""The hostile-input corpus, generated (some files are too large or too strange to commit).

Each case: a file name, a function that writes the file into a folder, and the diagnostics (code, line) that
`validate` must give for it. tests/test_hostile.py runs every case under a time and memory bound.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MINIMAL = (
    "kind: course\n"
    "id: hostile\n"
    'title: "Hostile"\n'
    'description: "x"\n'
    "level: introductory\n"
    "prerequisites: []\n"
    "learning_outcomes:\n"
    '  - statement: "Describe a digital image."\n'
    "    competencies: [BIA.FND.1]\n"
)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]
    expected: tuple[tuple[str, int], ...]  # (code, line); empty: the file is valid


def _own_id(name: str, text: str) -> str:
    """Every case its own course id, so that the whole corpus in one run has no duplicate ids."""
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in name.lower().removesuffix(".yaml"))
    return text.replace("id: hostile", f"id: hostile-{slug.strip('-')}")


def _text(name: str, text: str, encoding: str = "utf-8", newline: str = "") -> Callable[[Path], None]:
    text = _own_id(name, text)

    def make(folder: Path) -> None:
        with open(folder / name, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)

    return make


def _bytes(name: str, data: bytes) -> Callable[[Path], None]:
    data = _own_id(name, data.decode("latin-1")).encode("latin-1")

    def make(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return make


def _laughs() -> str:
    lines = ["kind: course", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    return "\n".join(lines) + "\n"


def _fifty_megabytes(folder: Path) -> None:
    with open(folder / "fifty-megabytes.yaml", "wb") as handle:
        handle.write(MINIMAL.encode())
        handle.write(b"assessment: |\n")
        line = b"  " + b"x" * 1022 + b"\n"
        for _ in range(50 * 1024):
            handle.write(line)


CASES: list[Case] = [
    Case("billion-laughs.yaml", _text("billion-laughs.yaml", _laughs()), (("GC111", 7),)),
    Case(
        "deep-flow.yaml",
        _text("deep-flow.yaml", "kind: course\nx: " + "[" * 200_000 + "]" * 200_000 + "\n"),
        (("GC111", 2),),
    ),
    Case(
        "deep-block.yaml",
        _text(
            "deep-block.yaml",
            "kind: course\nx:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1000)) + " " * 1000 + "end: 1\n",
        ),
        (("GC111", 67),),
    ),
    Case("deep-dashes.yaml", _text("deep-dashes.yaml", "- " * 300_000 + "x\n"), (("GC111", 1),)),
    Case("fifty-megabytes.yaml", _fifty_megabytes, (("GC107", 0),)),
    Case("binary.yaml", _bytes("binary.yaml", bytes(range(256)) * 64), (("GC106", 1),)),
    Case("nul-byte.yaml", _bytes("nul-byte.yaml", MINIMAL.encode() + b"assessment: a\x00b\n"), (("GC106", 10),)),
    Case(
        "invalid-utf8.yaml",
        _bytes("invalid-utf8.yaml", MINIMAL.encode() + b"assessment: caf\xc3\x28\n"),
        (("GC105", 10),),
    ),
    Case("utf16-bom.yaml", _text("utf16-bom.yaml", MINIMAL, encoding="utf-16"), (("GC105", 1),)),
    Case("utf32-bom.yaml", _text("utf32-bom.yaml", MINIMAL, encoding="utf-32"), (("GC105", 1),)),
    Case("utf8-bom.yaml", _text("utf8-bom.yaml", MINIMAL, encoding="utf-8-sig"), ()),
    Case("crlf.yaml", _text("crlf.yaml", MINIMAL.replace("\n", "\r\n")), ()),
    Case(
        "mixed-endings.yaml",
        _text(
            "mixed-endings.yaml",
            MINIMAL.replace("level: introductory\n", "level: introductory\r\n").replace(
                "prerequisites: []\n", "prerequisites: []\r"
            )
            + "level: advanced\n",
        ),
        (("GC102", 10),),
    ),
    Case("tab-indent.yaml", _text("tab-indent.yaml", MINIMAL + "tools:\n\t- name: Fiji\n"), (("GC101", 11),)),
    Case(
        "python-object.yaml",
        _text("python-object.yaml", MINIMAL + 'assessment: !!python/object/apply:os.system ["touch pwned"]\n'),
        (("GC109", 10), ("GC201", 10)),
    ),
    Case(
        "python-name.yaml",
        _text("python-name.yaml", MINIMAL + "assessment: !!python/name:os.system\n"),
        (("GC109", 10),),
    ),
    Case(
        "include-tag.yaml", _text("include-tag.yaml", MINIMAL + "assessment: !include /etc/passwd\n"), (("GC109", 10),)
    ),
    Case("complex-key.yaml", _text("complex-key.yaml", MINIMAL + "? [a, b]\n: c\n"), (("GC110", 10),)),
    Case("bool-key.yaml", _text("bool-key.yaml", MINIMAL + "yes: 1\n"), (("GC110", 10), ("GC203", 10))),
    Case("null-key.yaml", _text("null-key.yaml", MINIMAL + "~: 1\n"), (("GC110", 10), ("GC203", 10))),
    Case(
        "huge-integer.yaml",
        _text(
            "huge-integer.yaml",
            MINIMAL + "instances:\n  - start_date: 2025-01-01\n    mode: online\n    capacity: " + "9" * 5000 + "\n",
        ),
        (("GC201", 13),),
    ),
    Case(
        "big-integer.yaml",
        _text(
            "big-integer.yaml",
            MINIMAL + "instances:\n  - start_date: 2025-01-01\n    mode: online\n    capacity: " + "9" * 40 + "\n",
        ),
        (),
    ),
    Case(
        "impossible-date.yaml",
        _text("impossible-date.yaml", MINIMAL + "instances:\n  - start_date: 2024-02-30\n    mode: online\n"),
        (("GC205", 11),),
    ),
    Case("empty.yaml", _text("empty.yaml", ""), (("GC103", 0),)),
    Case("whitespace.yaml", _text("whitespace.yaml", "  \n\t\n   \r\n"), (("GC103", 0),)),
    Case("only-separator.yaml", _text("only-separator.yaml", "---\n...\n"), (("GC103", 0),)),
    Case("name with spaces é ü 日本.yaml", _text("name with spaces é ü 日本.yaml", MINIMAL), ()),
    Case("control-chars.yaml", _text("control-chars.yaml", MINIMAL + 'assessment: "a\x07b"\n'), (("GC101", 10),)),
    # found by the fuzzer: a control character after lone CR line breaks was placed past the end of line 1
    Case(
        "cr-breaks-control-char.yaml",
        _text("cr-breaks-control-char.yaml", 'kind: course\rtitle: "A cou\rse"\r\x03\n'),
        (("GC101", 4),),
    ),
    Case("long-line.yaml", _text("long-line.yaml", MINIMAL + "assessment: " + "x" * 900_000 + "\n"), ()),
    Case(
        "many-duplicates.yaml",
        _text("many-duplicates.yaml", MINIMAL + "assessment: a\n" * 3),
        (("GC102", 11), ("GC102", 12)),
    ),
]


def make_tree(folder: Path) -> dict[str, tuple[str, int]]:
    """A directory tree with a symlink loop, a FIFO, a dangling link and a folder named like a YAML file.

    Returns the diagnostics (code, line) expected per file name; files not listed must be valid.
    """
    (folder / "sub").mkdir()
    (folder / "sub" / "ok.yaml").write_text(MINIMAL.replace("id: hostile", "id: tree-ok"), encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "dir.yaml").mkdir()
    (folder / "dir.yaml" / "inner.yaml").write_text(MINIMAL.replace("id: hostile", "id: inner"), encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "does-not-exist.yaml")
    return {"pipe.yaml": ("GC108", 0), "dangling.yaml": ("GC108", 0)}
