"""The hostile-input corpus, generated (some files are too large or too strange to commit).

Each case: a file name, a function that writes the file into a folder, and the diagnostics that `validate`
must give for it, in the one listing format (tests/listing.py). tests/test_hostile.py runs every case under a
time and memory bound.
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
    expected: tuple[str, ...] | None  # listing lines (tests/listing.py): "LINE:COLUMN CODE"; empty: the file is valid


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
    Case("billion-laughs.yaml", _text("billion-laughs.yaml", _laughs()), ("6:1 GC111",)),
    Case(
        "deep-flow.yaml",
        _text("deep-flow.yaml", "kind: course\nx: " + "[" * 200_000 + "]" * 200_000 + "\n"),
        ("2:1003 GC111",),
    ),
    Case(
        "deep-block.yaml",
        _text(
            "deep-block.yaml",
            "kind: course\nx:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1000)) + " " * 1000 + "end: 1\n",
        ),
        ("67:66 GC111",),
    ),
    Case("deep-dashes.yaml", _text("deep-dashes.yaml", "- " * 300_000 + "x\n"), ("1:131 GC111",)),
    Case("fifty-megabytes.yaml", _fifty_megabytes, ("0:0 GC107",)),
    Case("binary.yaml", _bytes("binary.yaml", bytes(range(256)) * 64), ("1:1 GC106",)),
    Case("nul-byte.yaml", _bytes("nul-byte.yaml", MINIMAL.encode() + b"assessment: a\x00b\n"), ("10:1 GC106",)),
    Case(
        "invalid-utf8.yaml",
        _bytes("invalid-utf8.yaml", MINIMAL.encode() + b"assessment: caf\xc3\x28\n"),
        ("10:16 GC105",),
    ),
    Case("utf16-bom.yaml", _text("utf16-bom.yaml", MINIMAL, encoding="utf-16"), ("1:1 GC105",)),
    Case("utf32-bom.yaml", _text("utf32-bom.yaml", MINIMAL, encoding="utf-32"), ("1:1 GC105",)),
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
        ("10:1 GC102",),
    ),
    Case("tab-indent.yaml", _text("tab-indent.yaml", MINIMAL + "tools:\n\t- name: Fiji\n"), ("11:1 GC101",)),
    Case(
        "python-object.yaml",
        _text("python-object.yaml", MINIMAL + 'assessment: !!python/object/apply:os.system ["touch pwned"]\n'),
        ("10:13 GC109", "10:13 GC201"),
    ),
    Case(
        "python-name.yaml",
        _text("python-name.yaml", MINIMAL + "assessment: !!python/name:os.system\n"),
        ("10:13 GC109",),
    ),
    Case(
        "include-tag.yaml", _text("include-tag.yaml", MINIMAL + "assessment: !include /etc/passwd\n"), ("10:13 GC109",)
    ),
    Case("complex-key.yaml", _text("complex-key.yaml", MINIMAL + "? [a, b]\n: c\n"), ("10:3 GC110",)),
    Case("bool-key.yaml", _text("bool-key.yaml", MINIMAL + "yes: 1\n"), ("10:1 GC110", "10:1 GC203")),
    Case("null-key.yaml", _text("null-key.yaml", MINIMAL + "~: 1\n"), ("10:1 GC110", "10:1 GC203")),
    Case(
        "huge-integer.yaml",
        _text(
            "huge-integer.yaml",
            MINIMAL + "instances:\n  - start_date: 2025-01-01\n    mode: online\n    capacity: " + "9" * 5000 + "\n",
        ),
        ("13:15 GC201",),
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
        ("11:17 GC205",),
    ),
    Case("empty.yaml", _text("empty.yaml", ""), ("0:0 GC103",)),
    Case("whitespace.yaml", _text("whitespace.yaml", "  \n\t\n   \r\n"), ("0:0 GC103",)),
    Case("only-separator.yaml", _text("only-separator.yaml", "---\n...\n"), ("0:0 GC103",)),
    Case("name with spaces é ü 日本.yaml", _text("name with spaces é ü 日本.yaml", MINIMAL), ()),
    Case("control-chars.yaml", _text("control-chars.yaml", MINIMAL + 'assessment: "a\x07b"\n'), ("10:15 GC101",)),
    # found by the fuzzer: a control character after lone CR line breaks was placed past the end of line 1
    Case(
        "cr-breaks-control-char.yaml",
        _text("cr-breaks-control-char.yaml", 'kind: course\rtitle: "A cou\rse"\r\x03\n'),
        ("4:1 GC101",),
    ),
    Case("long-line.yaml", _text("long-line.yaml", MINIMAL + "assessment: " + "x" * 900_000 + "\n"), ()),
    Case(
        "many-duplicates.yaml",
        _text("many-duplicates.yaml", MINIMAL + "assessment: a\n" * 3),
        ("11:1 GC102", "12:1 GC102"),
    ),
]


def _with(name: str, extra: str = "", replace: tuple[str, str] | None = None) -> Callable[[Path], None]:
    """The minimal course with `extra` appended and one line replaced."""
    text = MINIMAL if replace is None else MINIMAL.replace(*replace)
    return _text(name, text + extra)


def _programme(name: str, entries: list[str]) -> Callable[[Path], None]:
    listed = "".join(f"  - {e}\n" for e in entries)
    return _text(name, f'kind: programme\nid: hostile\ntitle: "P"\ncourses:\n{listed}')


def _aliased(name: str, size: int, repeats: int) -> Callable[[Path], None]:
    big = "x" * size
    keywords = ", ".join(["*big"] * repeats)
    return _text(name, MINIMAL + f'assessment: &big "{big}"\nkeywords: [{keywords}]\n')


INSTANCE = "instances:\n  - start_date: 2025-01-01\n    mode: online\n"

#: Round two (issue 11): values that validated and then broke an export, injection into logs and
#: terminals, amplification inside the size limit, numbers at the edges, programmes that reach out.
CASES += [
    # whole-value matching: a trailing newline is not part of an identifier, a URL or a duration
    Case("id-newline.yaml", _with("id-newline.yaml", replace=("id: hostile", 'id: "hostile\\n"')), None),
    Case("duration-newline.yaml", _with("duration-newline.yaml", 'duration: "P1D\\n"\n'), None),
    Case("url-newline.yaml", _with("url-newline.yaml", 'url: "https://example.org/\\n"\n'), None),
    Case(
        "orcid-newline.yaml",
        _with("orcid-newline.yaml", 'trainers:\n  - {name: A, orcid: "0000-0002-1825-0097\\n"}\n'),
        None,
    ),
    Case("language-newline.yaml", _with("language-newline.yaml", 'language: "en\\n"\n'), None),
    Case("licence-newline.yaml", _with("licence-newline.yaml", 'license: "CC-BY-4.0\\n"\n'), None),
    Case(
        "date-newline.yaml",
        _with("date-newline.yaml", 'instances:\n  - {start_date: "2025-01-01\\n", mode: online}\n'),
        None,
    ),
    Case("edam-newline.yaml", _with("edam-newline.yaml", 'edam_topics: ["edam:topic_3383\\n"]\n'), None),
    Case(
        "level-newline.yaml",
        _with("level-newline.yaml", replace=("level: introductory", 'level: "introductory\\n"')),
        None,
    ),
    Case(
        "competency-newline.yaml", _with("competency-newline.yaml", replace=("[BIA.FND.1]", '["BIA.FND.1\\n"]')), None
    ),
    # URLs as RFC 3987 allows them: no quote, angle bracket, space, brace, backslash, caret, backtick, bar
    *[
        Case(f"url-{label}.yaml", _with(f"url-{label}.yaml", f"url: '{url}'\n"), None)
        for label, url in [
            ("quote", 'https://example.org/a"b'),
            ("angle", "https://example.org/<script>"),
            ("space", "https://example.org/a b"),
            ("brace", "https://example.org/{x}"),
            ("backslash", "https://example.org/a\\b"),
            ("caret", "https://example.org/a^b"),
            ("backtick", "https://example.org/a`b"),
            ("bar", "https://example.org/a|b"),
            ("javascript", "javascript:alert(1)"),
            ("no-host", "https:///path"),
        ]
    ],
    Case(
        "instance-url-angle.yaml",
        _with(
            "instance-url-angle.yaml",
            "instances:\n  - {start_date: 2025-01-01, mode: online, url: 'https://example.org/<x>'}\n",
        ),
        None,
    ),
    # identifiers that became file and folder names
    Case("id-250-chars.yaml", _with("id-250-chars.yaml", replace=("id: hostile", "id: " + "a" * 250)), None),
    Case("id-dot-dot.yaml", _with("id-dot-dot.yaml", replace=("id: hostile", "id: ../../etc")), None),
    Case("id-slash.yaml", _with("id-slash.yaml", replace=("id: hostile", "id: a/b")), None),
    Case("id-uppercase.yaml", _with("id-uppercase.yaml", replace=("id: hostile", "id: Hostile")), None),
    Case("id-unicode.yaml", _with("id-unicode.yaml", replace=("id: hostile", "id: héllo")), None),
    # numbers at the edges
    Case("duration-300-digits.yaml", _with("duration-300-digits.yaml", "duration: P" + "9" * 300 + "D\n"), None),
    Case("duration-zero.yaml", _with("duration-zero.yaml", "duration: P0D\n"), None),
    Case("capacity-inf.yaml", _with("capacity-inf.yaml", INSTANCE + "    capacity: .inf\n"), None),
    Case("capacity-nan.yaml", _with("capacity-nan.yaml", INSTANCE + "    capacity: .nan\n"), None),
    Case("capacity-negative.yaml", _with("capacity-negative.yaml", INSTANCE + "    capacity: -5\n"), None),
    Case("capacity-float.yaml", _with("capacity-float.yaml", INSTANCE + "    capacity: 2.5\n"), None),
    Case("capacity-huge-float.yaml", _with("capacity-huge-float.yaml", INSTANCE + "    capacity: 1.0e+308\n"), None),
    Case("capacity-string.yaml", _with("capacity-string.yaml", INSTANCE + '    capacity: "20"\n'), None),
    Case("capacity-bool.yaml", _with("capacity-bool.yaml", INSTANCE + "    capacity: yes\n"), None),
    # text that reaches terminals and CI logs: shown escaped, located, one line per finding
    Case(
        "key-workflow-command.yaml",
        _with("key-workflow-command.yaml", '"x\\n::error file=courses/ok.yaml,line=1::INJECTED": 1\n'),
        None,
    ),
    Case("key-escape-sequence.yaml", _with("key-escape-sequence.yaml", '"\\e]52;c;cHduZWQ=\\a": 1\n'), None),
    Case("key-bidi.yaml", _with("key-bidi.yaml", '"ti\\u202etle": 1\n'), None),
    Case("value-escape-sequence.yaml", _with("value-escape-sequence.yaml", 'assessment: "\\e[2J\\e[31mred"\n'), None),
    Case(
        "value-workflow-command.yaml",
        _with("value-workflow-command.yaml", 'assessment: "a\\n::warning::forged"\n'),
        None,
    ),
    Case("kind-escape.yaml", _text("kind-escape.yaml", 'kind: "\\e[31mcourse"\nid: hostile\n'), None),
    Case("unknown-field-long-key.yaml", _with("unknown-field-long-key.yaml", "k" * 100_000 + ": 1\n"), None),
    Case("level-long.yaml", _with("level-long.yaml", replace=("level: introductory", "level: " + "x" * 50_000)), None),
    # amplification within the size limit: aliases repeat a large value
    Case("aliased-50k-x20.yaml", _aliased("aliased-50k-x20.yaml", 50_000, 20), None),
    Case("aliased-50k-x100.yaml", _aliased("aliased-50k-x100.yaml", 50_000, 100), None),
    Case("aliased-1k-x10.yaml", _aliased("aliased-1k-x10.yaml", 1_000, 10), None),
    Case(
        "aliased-mapping.yaml",
        _text(
            "aliased-mapping.yaml",
            MINIMAL + "modules:\n  - &m {title: M, duration: PT1H}\n" + "".join("  - *m\n" for _ in range(50)),
        ),
        None,
    ),
    Case("merge-bomb.yaml", _text("merge-bomb.yaml", MINIMAL + "a: &a {x: 1}\nb: {<<: *a}\n"), None),
    # structure in the wrong places
    Case("kind-mapping.yaml", _text("kind-mapping.yaml", "kind: {a: 1}\nid: hostile\n"), None),
    Case("kind-number.yaml", _text("kind-number.yaml", "kind: 12\nid: hostile\n"), None),
    Case("document-list.yaml", _text("document-list.yaml", "- kind: course\n- id: hostile\n"), None),
    Case("document-scalar.yaml", _text("document-scalar.yaml", "just a sentence\n"), None),
    Case(
        "outcomes-mapping.yaml",
        _with(
            "outcomes-mapping.yaml",
            replace=(
                'learning_outcomes:\n  - statement: "Describe a digital image."\n    competencies: [BIA.FND.1]\n',
                "learning_outcomes: {a: 1}\n",
            ),
        ),
        None,
    ),
    Case("instances-string.yaml", _with("instances-string.yaml", "instances: tomorrow\n"), None),
    Case("null-title.yaml", _with("null-title.yaml", replace=('title: "Hostile"', "title:")), None),
    Case("binary-tag.yaml", _with("binary-tag.yaml", "assessment: !!binary aGVsbG8=\n"), None),
    Case("set-tag.yaml", _with("set-tag.yaml", "keywords: !!set {a, b}\n"), None),
    Case("timestamp-key.yaml", _with("timestamp-key.yaml", "2025-01-01: x\n"), None),
    Case("anchor-on-key.yaml", _with("anchor-on-key.yaml", "&k assessment: x\n"), None),
    Case("multi-document.yaml", _text("multi-document.yaml", MINIMAL + "---\n" + MINIMAL), None),
    Case("directive.yaml", _text("directive.yaml", "%YAML 1.1\n---\n" + MINIMAL), None),
    Case("bad-directive.yaml", _text("bad-directive.yaml", "%YAML 9.9\n---\n" + MINIMAL), None),
    Case("unterminated-quote.yaml", _text("unterminated-quote.yaml", MINIMAL + 'assessment: "never closed\n'), None),
    Case("lone-surrogate-escape.yaml", _text("lone-surrogate-escape.yaml", MINIMAL + 'assessment: "\\ud800"\n'), None),
    Case("del-character.yaml", _bytes("del-character.yaml", MINIMAL.encode() + b"assessment: a\x7fb\n"), None),
    Case("c1-control.yaml", _bytes("c1-control.yaml", MINIMAL.encode() + "assessment: a\x9bb\n".encode()), None),
    Case("overlong-utf8.yaml", _bytes("overlong-utf8.yaml", MINIMAL.encode() + b"assessment: \xc0\xaf\n"), None),
    Case(
        "bom-in-middle.yaml", _bytes("bom-in-middle.yaml", MINIMAL.encode() + "assessment: a\ufeffb\n".encode()), None
    ),
    # programmes that reach out of their repository or round in circles
    Case("programme-absolute.yaml", _programme("programme-absolute.yaml", ["/etc/passwd.yaml"]), None),
    Case("programme-escape.yaml", _programme("programme-escape.yaml", ["../../../../../../etc/hosts.yaml"]), None),
    Case("programme-self.yaml", _programme("programme-self.yaml", ["programme-self.yaml"]), None),
    Case("programme-missing.yaml", _programme("programme-missing.yaml", ["no-such-course.yaml", "no-such-id"]), None),
    Case("programme-many.yaml", _programme("programme-many.yaml", [f"missing-{i}.yaml" for i in range(2000)]), None),
]


#: What each round-two case must give (reviewed by hand against the input; `...` = the first lines of a long
#: listing, the rest checked by tests/test_hostile.py::test_findings_per_file_are_capped).
ROUND_TWO: dict[str, tuple[str, ...]] = {
    "id-newline.yaml": ("2:5 GC205",),
    "duration-newline.yaml": ("10:11 GC205",),
    "url-newline.yaml": ("10:6 GC205",),
    "orcid-newline.yaml": ("11:22 GC205",),
    "language-newline.yaml": ("10:11 GC205",),
    "licence-newline.yaml": ("10:10 GC205",),
    "date-newline.yaml": ("11:18 GC205",),
    "edam-newline.yaml": ("10:15 GC205",),
    "level-newline.yaml": ("5:8 GC302",),
    "competency-newline.yaml": ("9:20 GC301",),
    "url-quote.yaml": ("10:6 GC205",),
    "url-angle.yaml": ("10:6 GC205",),
    "url-space.yaml": ("10:6 GC205",),
    "url-brace.yaml": ("10:6 GC205",),
    "url-backslash.yaml": ("10:6 GC205",),
    "url-caret.yaml": ("10:6 GC205",),
    "url-backtick.yaml": ("10:6 GC205",),
    "url-bar.yaml": ("10:6 GC205",),
    "url-javascript.yaml": ("10:6 GC205",),
    "url-no-host.yaml": ("10:6 GC205",),
    "instance-url-angle.yaml": ("11:49 GC205",),
    "id-250-chars.yaml": ("2:5 GC205",),
    "id-dot-dot.yaml": ("2:5 GC205",),
    "id-slash.yaml": ("2:5 GC205",),
    "id-uppercase.yaml": ("2:5 GC205",),
    "id-unicode.yaml": ("2:5 GC205",),
    "duration-300-digits.yaml": ("10:11 GC205",),
    "duration-zero.yaml": (),
    "capacity-inf.yaml": ("13:15 GC201",),
    "capacity-nan.yaml": ("13:15 GC201",),
    "capacity-negative.yaml": ("13:15 GC207",),
    "capacity-float.yaml": ("13:15 GC201",),
    "capacity-huge-float.yaml": ("13:15 GC201",),
    "capacity-string.yaml": ("13:15 GC201",),
    "capacity-bool.yaml": ("13:15 GC201",),
    "key-workflow-command.yaml": ("10:1 GC203",),
    "key-escape-sequence.yaml": ("10:1 GC203",),
    "key-bidi.yaml": ("10:1 GC203",),
    "value-escape-sequence.yaml": (),
    "value-workflow-command.yaml": (),
    "kind-escape.yaml": ("1:7 GC113",),
    "unknown-field-long-key.yaml": ("10:100001 GC101",),
    "level-long.yaml": ("5:8 GC302",),
    "aliased-50k-x20.yaml": ("11:1 GC111",),
    "aliased-50k-x100.yaml": ("11:1 GC111",),
    "aliased-1k-x10.yaml": (),
    "aliased-mapping.yaml": (),
    "merge-bomb.yaml": ("10:1 GC203", "11:1 GC203", "11:5 GC109"),
    "kind-mapping.yaml": ("1:7 GC113",),
    "kind-number.yaml": ("1:7 GC113",),
    "document-list.yaml": ("1:1 GC112",),
    "document-scalar.yaml": ("1:1 GC112",),
    "outcomes-mapping.yaml": ("7:20 GC201",),
    "instances-string.yaml": ("10:12 GC201",),
    "null-title.yaml": ("3:7 GC206",),
    "binary-tag.yaml": ("10:13 GC109",),
    "set-tag.yaml": ("10:11 GC109", "10:11 GC201"),
    "timestamp-key.yaml": ("10:1 GC110", "10:1 GC203"),
    "anchor-on-key.yaml": (),
    "multi-document.yaml": ("10:1 GC104",),
    "directive.yaml": (),
    "bad-directive.yaml": ("1:1 GC101",),
    "unterminated-quote.yaml": ("11:1 GC101",),
    "lone-surrogate-escape.yaml": ("10:16 GC101",),
    "del-character.yaml": ("10:14 GC101",),
    "c1-control.yaml": ("10:14 GC101",),
    "overlong-utf8.yaml": ("10:13 GC105",),
    "bom-in-middle.yaml": (),
    "programme-absolute.yaml": ("5:5 GC316",),
    "programme-escape.yaml": ("5:5 GC316",),
    "programme-self.yaml": ("5:5 GC316",),
    "programme-missing.yaml": ("5:5 GC316", "6:5 GC316"),
    "programme-many.yaml": ("0:0 GC114", "5:5 GC316", "6:5 GC316", "..."),
}
CASES = [c if c.expected is not None else Case(c.name, c.make, ROUND_TWO[c.name]) for c in CASES]


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
