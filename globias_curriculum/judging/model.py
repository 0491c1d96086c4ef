"""The coverage report as data: verdicts per course, competencies per area, the programme view.

It writes itself as versioned JSON (a piece at a time, so a 10,000-course report is never one string) and
reads back from it (`CoverageReport.from_json`). Courses live in a `CourseStore`: judged courses are spooled
to a temporary file as they arrive and read back one at a time, so a run's memory does not grow with the
number of courses.

Scores (also in README, "Coverage scores"); a score with nothing to count is None (shown as "-"), never 0 or 1:
  - rule compliance of a course = passed / (passed + failed) over the rules that apply and are not waived;
  - area coverage = competencies of the area taught / competencies in the area (a course, or the programme:
    taught by at least one of its courses);
  - demand-topic coverage = competencies taught across the programme / competencies in the areas tagged with
    that GloBIAS survey topic; a topic is "met" when at least one of them is taught.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, overload

from ..diagnostics import Diagnostic, Location, Severity
from ..report import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Report

#: 2.0: rule ids on diagnostics, courses carry their own diagnostics, no matrix (it is each course's
#: `taught` and `required`, in `programme.courses` order). A 2.0 document may hold `sources` (the cited sources
#: spelled out); readers that do not know the key lose nothing else.
COVERAGE_FORMAT_VERSION = "2.0"

Status = str  # pass | fail | not-applicable | waived
STATUSES = ("fail", "waived", "pass", "not-applicable")


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What every course shares about a rule; stored once, not once per course."""

    rule: str
    name: str
    severity: Severity
    summary: str
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "summary": self.summary,
            "sources": list(self.sources),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleInfo:
        return cls(
            str(data["rule"]),
            str(data["name"]),
            Severity.parse(str(data["severity"])),
            str(data.get("summary", "")),
            tuple(data.get("sources") or ()),
        )


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A cited source as a reader needs it beside a rule: what it is, who wrote it, when, and where to read it."""

    key: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    url: str | None = None  # the source's own URL, else its DOI as https://doi.org/...
    doi: str | None = None

    @classmethod
    def from_catalogue(cls, entry: dict[str, Any]) -> SourceInfo:
        """From a `source_catalogue` entry of a framework or guideline set (validated by their checks)."""
        doi = str(entry["doi"]) if entry.get("doi") else None
        url = str(entry["url"]) if entry.get("url") else (f"https://doi.org/{doi}" if doi else None)
        year = entry.get("year")
        return cls(
            str(entry.get("key", "")),
            str(entry.get("title", "")),
            tuple(str(a) for a in entry.get("authors") or ()),
            year if isinstance(year, int) and not isinstance(year, bool) else None,
            url,
            doi,
        )

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "title": self.title, "authors": list(self.authors)}
        out.update({k: v for k, v in (("year", self.year), ("url", self.url), ("doi", self.doi)) if v is not None})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceInfo:
        return cls(
            str(data["key"]),
            str(data.get("title", "")),
            tuple(str(a) for a in data.get("authors") or ()),
            data.get("year"),
            data.get("url"),
            data.get("doi"),
        )


@dataclass(slots=True)
class RuleVerdict:
    info: RuleInfo
    status: Status
    messages: tuple[str, ...] = ()  # a shared empty tuple unless the rule failed
    reason: str | None = None  # why a course waived the rule

    @property
    def rule(self) -> str:
        return self.info.rule

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.info.rule, "status": self.status}
        if self.messages:
            out["messages"] = list(self.messages)
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass(slots=True)
class AreaScore:
    area: str
    label: str
    taught: int
    total: int
    score: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"area": self.area, "label": self.label, "taught": self.taught, "total": self.total, "score": self.score}


@dataclass(slots=True)
class CourseCoverage:
    id: str
    title: str
    file: str
    level: str | None
    taught: dict[str, int]  # competency -> highest level rank taught (0: level unknown)
    required: list[str]
    verdicts: list[RuleVerdict]
    areas: list[AreaScore]
    compliance: float | None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # this file's, from every stage
    prerequisite_at: dict[str, Location] = field(default_factory=dict)  # competency -> where it is required

    def failing(self) -> list[RuleVerdict]:
        return [v for v in self.verdicts if v.status == "fail"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "file": self.file,
            "level": self.level,
            "taught": self.taught,
            "required": self.required,
            "verdicts": [v.as_dict() for v in self.verdicts],
            "areas": [a.as_dict() for a in self.areas],
            "compliance": self.compliance,
            "diagnostics": [d.as_dict() for d in sorted(self.diagnostics, key=lambda d: d.sort_key)],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], rules: dict[str, RuleInfo]) -> CourseCoverage:
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            file=str(data["file"]),
            level=data.get("level"),
            taught={str(k): int(v) for k, v in (data.get("taught") or {}).items()},
            required=[str(r) for r in data.get("required") or ()],
            verdicts=[
                RuleVerdict(rules[v["rule"]], v["status"], tuple(v.get("messages") or ()), v.get("reason"))
                for v in data.get("verdicts") or ()
            ],
            areas=[AreaScore(**a) for a in data.get("areas") or ()],
            compliance=data.get("compliance"),
            diagnostics=[Diagnostic.from_dict(d) for d in data.get("diagnostics") or ()],
        )


@dataclass(slots=True)
class ChainFinding:
    course: str
    competency: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"course": self.course, "competency": self.competency, "message": self.message}


@dataclass(slots=True)
class TopicScore:
    topic: str
    areas: list[str]
    taught: int
    total: int
    score: float | None
    met: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "areas": self.areas,
            "taught": self.taught,
            "total": self.total,
            "score": self.score,
            "met": self.met,
        }


@dataclass
class ProgrammeCoverage:
    id: str
    title: str
    courses: list[str]  # course ids in teaching order
    chain: list[ChainFinding]
    areas: list[AreaScore]
    topics: list[TopicScore]
    ordered_by: str = "programme"  # programme: the programme file's order; level: by level, then id

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "courses": self.courses,
            "ordered_by": self.ordered_by,
            "chain": [f.as_dict() for f in self.chain],
            "areas": [a.as_dict() for a in self.areas],
            "topics": [t.as_dict() for t in self.topics],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgrammeCoverage:
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            courses=[str(c) for c in data["courses"]],
            chain=[ChainFinding(**f) for f in data.get("chain") or ()],
            areas=[AreaScore(**a) for a in data.get("areas") or ()],
            topics=[TopicScore(**t) for t in data.get("topics") or ()],
            ordered_by=str(data.get("ordered_by", "programme")),
        )


class CourseStore(Sequence[CourseCoverage]):
    """Judged courses spooled to an anonymous temporary file, kept in a chosen order, read back one at a time.

    A record is the course with its verdicts as (rule, status, messages, reason) tuples: the RuleInfo every
    course shares is not written again for each.
    """

    def __init__(self, rules: dict[str, RuleInfo]) -> None:
        self._rules = rules
        # lives as long as the store; deleted by the OS when closed or when the process ends
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="globias-coverage-")  # noqa: SIM115
        self._offsets: list[int] = []
        self._order: list[int] = []  # positions into _offsets, in the order the report shows
        self.counts: dict[Severity, int] = dict.fromkeys(Severity, 0)  # of every diagnostic added
        self.io = False

    def add(self, course: CourseCoverage) -> None:
        for d in course.diagnostics:
            self.counts[d.severity] += 1
            self.io = self.io or d.io
        verdicts = [(v.info.rule, v.status, v.messages, v.reason) for v in course.verdicts]
        record = (course, verdicts)
        course.verdicts = []
        self._file.seek(0, 2)
        self._offsets.append(self._file.tell())
        pickle.dump(record, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        course.verdicts = [RuleVerdict(self._rules[r], s, m, w) for r, s, m, w in verdicts]
        self._order.append(len(self._offsets) - 1)

    def reorder(self, order: list[int]) -> None:
        """`order`: indexes in the order courses were added, as the report should show them."""
        self._order = list(order)

    def _read(self, position: int) -> CourseCoverage:
        self._file.seek(self._offsets[position])
        course, verdicts = pickle.load(self._file)  # our own file, written above in this process
        course.verdicts = [RuleVerdict(self._rules[r], s, m, w) for r, s, m, w in verdicts]
        assert isinstance(course, CourseCoverage)
        return course

    def added(self) -> Iterator[CourseCoverage]:
        """In the order they were added (the run's file order)."""
        for position in range(len(self._offsets)):
            yield self._read(position)

    @overload
    def __getitem__(self, index: int) -> CourseCoverage: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[CourseCoverage]: ...
    def __getitem__(self, index: int | slice) -> CourseCoverage | Sequence[CourseCoverage]:
        if isinstance(index, slice):
            return [self._read(p) for p in self._order[index]]
        return self._read(self._order[index])

    def __iter__(self) -> Iterator[CourseCoverage]:
        for position in self._order:
            yield self._read(position)

    def __len__(self) -> int:
        return len(self._order)

    def close(self) -> None:
        self._file.close()


@dataclass
class CoverageReport:
    framework: dict[str, str]
    guidelines: dict[str, str]
    rules: list[RuleInfo]
    courses: Sequence[CourseCoverage]
    programme: ProgrammeCoverage | None
    report: Report  # the run's files, and diagnostics that belong to no judged course
    levels: dict[str, str] = field(default_factory=dict)  # rank -> label
    area_labels: dict[str, str] = field(default_factory=dict)
    competency_labels: dict[str, str] = field(default_factory=dict)  # the framework's, in its order
    #: the sources the rules cite (RuleInfo.sources are keys into it); written to JSON only when filled
    sources: dict[str, SourceInfo] = field(default_factory=dict)

    def matrix(self, include_untaught: bool = False) -> dict[str, dict[str, int]]:
        """Competency -> programme course id -> level rank taught (-1: required only), in framework order.

        Derived from the courses when asked for (it is as large as the programme); `include_untaught` adds
        a row for every competency of the framework, so the gaps show.
        """
        if self.programme is None:
            return {}
        cells: dict[str, dict[str, int]] = {}
        for course in self.courses[: len(self.programme.courses)]:
            for cid in course.required:
                cells.setdefault(cid, {})[course.id] = -1
            for cid, rank in course.taught.items():
                cells.setdefault(cid, {})[course.id] = rank
        known = list(self.competency_labels)
        rows = [c for c in known if c in cells or include_untaught]
        return {cid: cells.get(cid, {}) for cid in rows + sorted(set(cells) - set(known))}

    def iter_diagnostics(self) -> Iterator[Diagnostic]:
        """Every diagnostic of the run: file by file in the run's order, by position within a file."""
        by_file: dict[str, list[Diagnostic]] = {}
        for d in self.report.diagnostics:
            by_file.setdefault(d.location.file, []).append(d)
        courses = {c.file: c for c in self.courses} if not isinstance(self.courses, CourseStore) else None
        added = self.courses.added() if isinstance(self.courses, CourseStore) else iter(())
        pending = next(added, None)
        for path in [*self.report.files, *(f for f in by_file if f not in set(self.report.files))]:
            own: list[Diagnostic] = by_file.pop(path, [])
            if courses is not None and path in courses:
                own += courses[path].diagnostics
            elif pending is not None and pending.file == path:
                own += pending.diagnostics
                pending = next(added, None)
            yield from sorted(own, key=lambda d: d.sort_key)

    def _tally(self) -> tuple[dict[Severity, int], bool]:
        """How many diagnostics of each severity, and whether one is an I/O problem (a store keeps both)."""
        counts = dict.fromkeys(Severity, 0)
        io = False
        if isinstance(self.courses, CourseStore):
            counts.update(self.courses.counts)
            io = self.courses.io
            others: Iterable[Diagnostic] = self.report.diagnostics
        else:
            others = [*self.report.diagnostics, *(d for c in self.courses for d in c.diagnostics)]
        for d in others:
            counts[d.severity] += 1
            io = io or d.io
        return counts, io

    def counts(self) -> dict[str, int]:
        return {str(s): n for s, n in self._tally()[0].items()}

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        counts, io = self._tally()
        if io:
            return EXIT_USAGE
        return EXIT_FINDINGS if any(n for s, n in counts.items() if s >= fail_on) else EXIT_CLEAN

    def iter_json(self) -> Iterator[str]:
        """The JSON document, course by course and diagnostic by diagnostic; keys in sorted order."""
        encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
        head: dict[str, Any] = {
            "version": COVERAGE_FORMAT_VERSION,
            "framework": self.framework,
            "guidelines": self.guidelines,
            "rules": [r.as_dict() for r in self.rules],
            "levels": self.levels,
            "area_labels": self.area_labels,
            "competency_labels": self.competency_labels,
            "files": [{"path": f, "kind": self.report.kinds.get(f)} for f in self.report.files],
            "programme": self.programme.as_dict() if self.programme else None,
            "summary": self.counts(),
        }
        if self.sources:
            head["sources"] = [self.sources[k].as_dict() for k in sorted(self.sources)]
        streamed = {
            "courses": (c.as_dict() for c in self.courses),
            "diagnostics": (d.as_dict() for d in self.report.sorted()),
        }
        for i, key in enumerate(sorted([*head, *streamed])):
            yield ("{" if i == 0 else ",") + encode(key) + ":"
            if key in streamed:
                yield "["
                for j, item in enumerate(streamed[key]):
                    yield ("," if j else "") + encode(item)
                yield "]"
            else:
                yield encode(head[key])
        yield "}\n"

    def to_json(self) -> str:
        return "".join(self.iter_json())

    @classmethod
    def from_json(cls, text: str) -> CoverageReport:
        data = json.loads(text)
        if str(data.get("version", "")).split(".")[0] != COVERAGE_FORMAT_VERSION.split(".")[0]:
            raise ValueError(f"coverage format {data.get('version')!r} is not {COVERAGE_FORMAT_VERSION}")
        rules = {r["rule"]: RuleInfo.from_dict(r) for r in data["rules"]}
        report = Report()
        for entry in data.get("files") or ():
            report.add_file(str(entry["path"]), entry.get("kind"))
        report.diagnostics = [Diagnostic.from_dict(d) for d in data.get("diagnostics") or ()]
        return cls(
            framework=data["framework"],
            guidelines=data["guidelines"],
            rules=list(rules.values()),
            courses=[CourseCoverage.from_dict(c, rules) for c in data["courses"]],
            programme=ProgrammeCoverage.from_dict(data["programme"]) if data.get("programme") else None,
            report=report,
            levels=data.get("levels") or {},
            area_labels=data.get("area_labels") or {},
            competency_labels=data.get("competency_labels") or {},
            sources={s["key"]: SourceInfo.from_dict(s) for s in data.get("sources") or ()},
        )
