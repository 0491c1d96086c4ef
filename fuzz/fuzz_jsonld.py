"""Coverage-guided fuzzing of check-jsonld and tess-preview on arbitrary documents (JSON-LD and HTML), with
atheris (libFuzzer):

    python fuzz/fuzz_jsonld.py -max_total_time=60 -rss_limit_mb=1024 CORPUS_DIR [SEED_DIR ...]

Each input is read as TeSS reads a page (JSON-LD when it starts with `[` or `{`, else HTML with RDFa and
scripts), then checked against the Bioschemas profiles and previewed as TeSS would ingest it. Any exception,
a diagnostic located outside the document, or a crash is a finding. `check_bytes` is also the property the
hypothesis test in tests/test_tess_preview.py asserts. CI runs this for a bounded time (fuzz/run.sh).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout

from globias_curriculum.jsonld.profiles import _check_read
from globias_curriculum.jsonld.reader import read_raw
from globias_curriculum.jsonld.ruby_values import ExtractorCrash
from globias_curriculum.jsonld.tess import build, candidates
from globias_curriculum.jsonld.tess_extract import extract_all


def check_bytes(data: bytes) -> None:
    """Both commands on one document; raises AssertionError (or anything) on a finding."""
    read = read_raw(data, "fuzz.html", locate=True)
    diagnostics = _check_read(read)
    lines = (read.text or data.decode("utf-8", "replace")).splitlines() or [""]
    for d in diagnostics:
        loc = d.location
        assert (loc.line, loc.column) == (0, 0) or (1 <= loc.line <= len(lines) + 1 and loc.column >= 1), d
        assert "x-globias" not in d.message or b"x-globias" in data, d  # our marker never leaks
    if read.error is None and not read.diagnostics:
        try:
            extracted = extract_all(read.graph)
        except ExtractorCrash:
            return  # TeSS drops such a page: a diagnostic, not a finding
        events, materials = candidates(extracted)
        build(events, "event")
        build(materials, "material")


def main() -> None:
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, check_bytes)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
