"""The one diagnostic type every check produces: a stable code, its family, a severity and a location.

Codes are stable: `GC` + family digit + number (1xx reading, 2xx structure, 3xx references and meaning,
4xx guideline rules, 5xx JSON-LD for registries). The registry below is the list README.md documents; a test
keeps them in step. Code reads the model, never the text: a guideline finding carries its rule id as a field,
a code its `Family`, a severity is a `Severity` compared as an ordered enum.
"""

from __future__ import annotations

import enum
import sys
from typing import Any, NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that `--fail-on` is a plain comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


class Family(enum.IntEnum):
    """What kind of problem a code is about: its hundreds digit."""

    READING = 1
    STRUCTURE = 2
    MEANING = 3
    GUIDELINES = 4
    REGISTRY = 5

    @classmethod
    def of(cls, code: str) -> Family:
        return cls(int(code[2]))

    def __str__(self) -> str:
        return self.name.lower()


class Code(NamedTuple):
    code: str
    rule: str
    severity: Severity
    summary: str
    io: bool = False  # an I/O problem: the run exits 2, whatever --fail-on says

    @property
    def family(self) -> Family:
        return Family.of(self.code)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # 1xx: reading and parsing
        Code("GC101", "yaml-syntax", E, "The file is not well-formed YAML."),
        Code("GC102", "duplicate-key", E, "A mapping has the same key twice; YAML loaders keep only one."),
        Code("GC103", "empty-file", E, "The file is empty or holds only comments and white space."),
        Code("GC104", "multiple-documents", E, "The file holds several YAML documents; one is expected."),
        Code("GC105", "invalid-encoding", E, "The file is not valid UTF-8 text."),
        Code("GC106", "binary-file", E, "The file looks binary (it holds NUL bytes)."),
        Code("GC107", "file-too-large", E, "The file is larger than the configured limit."),
        Code(
            "GC108",
            "unreadable-file",
            E,
            "The file cannot be read (permissions, not a regular file).",
            io=True,
        ),
        Code("GC109", "unsupported-tag", E, "A YAML tag other than the standard ones is used."),
        Code("GC110", "non-string-key", E, "A mapping key is not a string (a number, a boolean, null)."),
        Code("GC111", "too-complex", E, "Nesting or alias expansion goes past the safe limit."),
        Code("GC112", "not-a-mapping", E, "The document is not a mapping of keys to values."),
        Code("GC113", "unknown-kind", E, "The top-level `kind` is missing or not a known document kind."),
        Code("GC114", "too-many-findings", I, "More findings in one file than are shown; the worst is kept."),
        # 2xx: structure, from the generated JSON Schema
        Code("GC201", "wrong-type", E, "A value has the wrong type."),
        Code("GC202", "missing-field", E, "A required field is missing."),
        Code("GC203", "unknown-field", E, "A field is not part of the schema."),
        Code("GC204", "invalid-value", E, "A value is not one of the allowed values."),
        Code("GC205", "invalid-format", E, "A value does not have the expected format (id, URL, date, ...)."),
        Code("GC206", "yaml-implicit-type", E, "An unquoted value was read as a boolean, number or date."),
        Code("GC207", "out-of-range", E, "A number is outside its allowed range."),
        # 3xx: references and meaning
        Code("GC301", "unknown-competency", E, "A competency id is not in the framework."),
        Code("GC302", "unknown-level", E, "A proficiency level is not in the framework."),
        Code("GC303", "unknown-rule", E, "A guideline rule id is not in the guideline set."),
        Code("GC304", "duplicate-id", E, "Two entries (courses, competencies, rules) share one id."),
        Code("GC305", "end-before-start", E, "An instance ends before it starts."),
        Code("GC306", "durations-exceed-total", W, "The modules take longer than the course's duration."),
        Code("GC307", "outcome-above-course-level", W, "An outcome's level is above the course's level."),
        Code("GC308", "invalid-orcid", E, "An ORCID iD fails its check digit."),
        Code("GC309", "unknown-licence", E, "A licence is not an SPDX licence identifier."),
        Code("GC310", "unknown-language", E, "A language is not an ISO 639-1 code."),
        Code("GC311", "unknown-tool", E, "A module uses a tool that the course does not list."),
        Code("GC312", "unknown-source", E, "A source key is not in the document's source catalogue."),
        Code("GC313", "prerequisite-cycle", E, "Competency prerequisites form a cycle."),
        Code("GC314", "empty-prerequisite", E, "A prerequisite names neither a competency nor a text."),
        Code("GC315", "unknown-edam", W, "An EDAM id is unknown or deprecated."),
        Code("GC316", "unknown-course", E, "A programme lists a course that cannot be found."),
        Code("GC317", "deprecated-licence", W, "A licence id is deprecated in the SPDX License List."),
        Code("GC318", "deprecated-id", W, "A competency or rule id is deprecated; the hint names its replacement."),
        Code(
            "GC319",
            "level-case",
            I,
            "A level is written in another case than the framework's; it is read as that level.",
        ),
        Code("GC320", "unknown-demand-topic", W, "A demand topic is not in the framework's `demand_topics`."),
        Code("GC321", "missing-descriptor", W, "A competency has no descriptor for one of the framework's levels."),
        Code("GC322", "edam-kind-mismatch", W, "An EDAM concept is not of the kind stated or needed (course topics)."),
        Code("GC323", "unknown-field-path", W, "A course's provenance names a field that courses do not have."),
        Code(
            "GC324", "provenance-incomplete", W, "A course field is neither stated by its source nor marked as mapped."
        ),
        Code("GC325", "shared-url", W, "Instances share a url; registries that de-duplicate by url keep one."),
        Code(
            "GC326",
            "markup-in-description",
            W,
            "The description holds `<` before a letter, which registries that read HTML (TeSS) take for a tag.",
        ),
        # 4xx: guideline rules (severity and rule name come from the guideline set; one code per condition kind)
        Code("GC401", "field-missing", W, "A field the guidelines ask for is missing."),
        Code("GC402", "no-outcomes", W, "The course states no learning outcome."),
        Code("GC403", "outcome-unmapped", W, "A learning outcome names no competency."),
        Code("GC404", "non-observable-verb", W, "A learning outcome starts with a verb that cannot be observed."),
        Code("GC405", "outcome-levels-misfit", W, "The outcomes' Bloom levels do not fit the course level."),
        Code("GC406", "compound-outcome", I, "A learning outcome joins two verbs."),
        Code("GC407", "competency-not-taught", W, "A competency the guidelines expect is not taught."),
        Code("GC408", "competency-not-taught-or-required", W, "A competency is neither taught nor required."),
        Code("GC409", "prerequisite-missing", W, "A competency the guidelines expect as prerequisite is not listed."),
        Code("GC410", "licence-not-open", W, "A declared licence of the course or its materials is not open."),
        Code("GC411", "tools-undeclared", W, "Tools are not listed, or do not say whether they are open source."),
        Code("GC412", "no-open-source-tool", I, "No open-source tool is taught."),
        Code("GC413", "duration-implausible", W, "More learning outcomes than the declared duration allows."),
        Code("GC414", "prerequisite-out-of-order", I, "A programme course requires what no earlier course teaches."),
        Code("GC415", "provisional-edam", I, "A provisional EDAM-bioimaging id is used."),
        Code("GC416", "tool-action-verb", I, "A learning outcome starts with a software action, not what is learnt."),
        Code(
            "GC417", "prerequisite-level-misfit", W, "A competency is required at or above the level it is taught at."
        ),
        Code("GC418", "no-licence", W, "No licence is declared for the course or its materials."),
        # 5xx: JSON-LD for registries (check-jsonld, export)
        Code("GC501", "jsonld-syntax", E, "The document is not valid JSON or JSON-LD."),
        Code("GC502", "remote-context", E, "A remote @context other than schema.org; it is never fetched."),
        Code("GC503", "profile-violation", E, "A minimum property of the Bioschemas profile a node claims is missing."),
        Code("GC504", "profile-recommendation", I, "Recommended properties of a node's profile are missing."),
        Code("GC505", "no-training-node", E, "No node is a Course, CourseInstance or LearningResource to check."),
        Code("GC506", "bare-conforms-to", E, "`conformsTo` without the dct: prefix becomes schema:conformsTo."),
        Code("GC507", "conforms-to-not-profile", E, "dct:conformsTo names no Bioschemas profile for the node's type."),
        Code("GC508", "course-without-instance", E, "Retired: now a `tess-preview` rejection reason."),
        Code("GC509", "instance-without-url", E, "Retired: now a `tess-preview` rejection reason."),
        Code("GC510", "duplicate-instance-url", E, "Retired: now a `tess-preview` rejection reason."),
        Code("GC511", "too-many-keywords", E, "Retired: now a `tess-preview` rejection reason."),
        Code("GC512", "licence-not-mappable", E, "Retired: now a `tess-preview` rejection reason."),
        Code("GC513", "unknown-tess-level", W, "Retired: now a `tess-preview` rejection reason."),
        Code("GC514", "language-not-iso639-1", E, "Retired: now a `tess-preview` rejection reason."),
        Code("GC515", "unknown-schema-term", W, "A schema.org term that schema.org 30.0 does not define."),
        Code(
            "GC516",
            "export-refused",
            E,
            "The export would overwrite a file it did not write, or cannot write.",
            io=True,
        ),
        Code("GC517", "keywords-truncated", W, "Only the first 20 keywords are exported."),
        Code(
            "GC520", "tess-unreadable", E, "TeSS's reader or extractor fails on the document: it drops the page whole."
        ),
        Code("GC521", "tess-nothing-found", E, "TeSS finds no event, course or learning resource in the document."),
        Code(
            "GC522",
            "profile-version-not-current",
            W,
            "A node claims a profile version that is not the current release.",
        ),
        Code(
            "GC523",
            "unknown-profile-version",
            W,
            "A node claims a Bioschemas profile version that was never published.",
        ),
        Code(
            "GC524", "relative-iri", W, "An IRI-valued property holds a relative reference, resolved against the page."
        ),
        Code(
            "GC525",
            "vocabulary-document",
            I,
            "The document is a vocabulary (DefinedTermSet, SKOS), not training: no profile applies to it.",
        ),
    )
}


# Location and Diagnostic are NamedTuples, not dataclasses: immutable, ordered and hashable all the same,
# and about five times cheaper to define, which matters on a pre-commit hook's start-up path.


MAX_TEXT = 500  # characters of a message or hint


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


class Location(NamedTuple):
    """1-based line and column; a JSON pointer into the document. Line 0 means the whole file."""

    file: str
    line: int = 0
    column: int = 0
    pointer: str = ""


class Diagnostic(NamedTuple):
    code: str
    message: str
    location: Location
    hint: str | None = None
    severity: Severity = Severity.ERROR
    rule_name: str | None = None  # guideline findings: the name of the data rule that made them
    rule_id: str | None = None  # guideline findings: the id of that rule (R03)

    @classmethod
    def make(
        cls,
        code: str,
        message: str,
        location: Location,
        hint: str | None = None,
        severity: Severity | None = None,
        rule_name: str | None = None,
        rule_id: str | None = None,
    ) -> Diagnostic:
        """Take the default severity from the registry, so a code always means one thing.

        Messages and hints repeat across thousands of courses ("`assessment` is not declared"); interning
        keeps one copy of each in a large run. Both are cut to a bounded length: a check that quotes a value
        whole must not turn a 50 KB string into megabytes of output.
        """
        return cls(
            code,
            sys.intern(_bounded(message)),
            location,
            sys.intern(_bounded(hint)) if hint else hint,
            severity or CODES[code].severity,
            rule_name,
            rule_id,
        )

    @property
    def rule(self) -> str:
        """The kebab-case name shown in brackets: the guideline rule's, or the code's."""
        return self.rule_name or CODES[self.code].rule

    @property
    def family(self) -> Family:
        return Family.of(self.code)

    @property
    def io(self) -> bool:
        return CODES[self.code].io

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "family": str(self.family),
            "rule": self.rule,
            "rule_id": self.rule_id,
            "severity": str(self.severity),
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "pointer": loc.pointer,
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """The inverse of `as_dict`: a report written as JSON reads back to equal diagnostics."""
        code = str(data["code"])
        rule = data.get("rule")
        return cls(
            code,
            str(data["message"]),
            Location(str(data["file"]), int(data["line"]), int(data["column"]), str(data.get("pointer") or "")),
            data.get("hint"),
            Severity.parse(str(data["severity"])),
            rule if rule and rule != CODES[code].rule else None,
            data.get("rule_id"),
        )
