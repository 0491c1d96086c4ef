"""Coverage-guided fuzzing of the loader and every check a course goes through, with atheris (libFuzzer).

    python fuzz/fuzz_loader.py -max_total_time=60 -rss_limit_mb=1024 CORPUS_DIR [SEED_DIR ...]

Any exception, a diagnostic located outside its file, or a crash is a finding: libFuzzer stops and writes the
input as crash-*. CI runs it for a bounded time on a copy of the shipped courses and fixtures (.ci/run).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["globias_curriculum"]):
    from globias_curriculum.coverage import course_coverage
    from globias_curriculum.loading import decode, load_text
    from globias_curriculum.validation import check_document, load_context

CONTEXT = load_context()


def test_one_input(data: bytes) -> None:
    text, problems = decode(data, "fuzz.yaml")
    if text is None:
        assert len(problems) == 1
        return
    result = load_text(text, "fuzz.yaml")
    found = list(result.diagnostics)
    doc = result.document
    if doc is not None:
        found += check_document(doc, CONTEXT)
        if isinstance(doc.data, dict) and doc.data.get("kind") == "course":
            found += course_coverage(doc, CONTEXT)[1]
    lines = text.splitlines() or [""]
    widest = max(len(line) for line in lines)
    for d in found:
        if d.location.line == 0:
            assert d.location.column == 0, d
        else:
            assert 1 <= d.location.line <= len(lines) + 1, d
            assert 1 <= d.location.column <= widest + 1, d


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
