"""Coverage-guided fuzzing of the loader and every check a course goes through, with atheris (libFuzzer).

    python fuzz/fuzz_loader.py -max_total_time=60 -rss_limit_mb=1024 CORPUS_DIR [SEED_DIR ...]

Any exception, a diagnostic located outside its file, or a crash is a finding: libFuzzer stops and writes the
input as crash-*. CI runs it for a bounded time on a copy of the shipped courses and fixtures (.ci/run).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout, for tests/pipeline.py

with atheris.instrument_imports(include=["globias_curriculum"]):
    from globias_curriculum.configuration import load_context
    from globias_curriculum.reading.files import decode

from tests.pipeline import assert_inside, check_all

CONTEXT = load_context()


def test_one_input(data: bytes) -> None:
    text, problems = decode(data, "fuzz.yaml")
    if text is None:
        assert len(problems) == 1
        return
    assert_inside(text, check_all(text, CONTEXT))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
