"""RDF values as TeSS's extractors see them (ruby-rdf `Literal#object`), with Ruby's comparison rules.

The extractors sort every list of values with Ruby's `<=>` and take the first: numbers compare with numbers,
dates with dates, strings with strings (byte order), and anything else raises, which makes TeSS drop the page.
`ruby_sorted` reproduces that, `to_json` gives the value as the oracle prints it (Ruby's `to_s` for dates).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cmp_to_key
from typing import Any, NamedTuple

from .rdf import RDF_HTML, XSD, Blank, Iri, Literal, Term

RUBY_SPACE = "\0\t\n\v\f\r "  # String#strip


class ExtractorCrash(Exception):
    """The extractor would raise here (ArgumentError, NoMethodError, Date::Error): TeSS drops the page."""


class RubyDateTime(NamedTuple):
    """A DateTime: `key` orders it (seconds since an epoch, in UTC), `text` is Ruby's to_s."""

    key: float
    text: str


class RubyDate(NamedTuple):
    """A Date (what modify_date returns for a string start): to_s is YYYY-MM-DD."""

    key: float
    text: str


_INTEGERS = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "nonPositiveInteger",
    "positiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
}
_DATE_TIME = re.compile(
    r"\A\s*(-?\d{4,})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?\s*\Z"
)
_RUBY_EPOCH_TEXT = "-4712-01-01T00:00:00+00:00"  # DateTime.new, what a failed parse leaves
_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)


def strip(text: str) -> str:
    return text.strip(RUBY_SPACE)


def parse_value(term: Term | None) -> Any:
    """Extraction#parse_value: IRIs as strings, blank nodes as nil, literals as their Ruby object."""
    if term is None or isinstance(term, Blank):
        return None
    if isinstance(term, Iri):
        return term.value
    return literal_object(term)


def literal_object(term: Literal) -> Any:
    datatype, lexical = term.datatype, term.lexical
    if datatype == RDF_HTML:
        return strip(_html_text(lexical))
    if not datatype.startswith(XSD):
        return strip(lexical)
    local = datatype[len(XSD) :]
    if local in _INTEGERS:
        return _ruby_to_i(lexical)
    if local in ("double", "float"):
        return _ruby_float(lexical)
    if local == "decimal":
        try:
            return Decimal(lexical + ("0" if lexical.endswith(".") else ""))
        except InvalidOperation:
            return Decimal(0)
    if local == "boolean":
        lowered = lexical.lower()
        return True if lowered in ("true", "1") else False if lowered in ("false", "0") else lexical
    if local in ("date", "dateTime", "dateTimeStamp"):
        return parse_datetime(lexical, date_only=local == "date")
    if local in ("string", "token", "normalizedString", "language", "Name", "NCName", "NMTOKEN", "anyURI"):
        return strip(lexical) if local == "string" else lexical
    return strip(lexical)  # other XSD types: not modelled; README lists this difference


def _html_text(markup: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(f"<body>{markup}</body>").body
    return body.text(deep=True) if body is not None else ""


def _ruby_to_i(text: str) -> int:
    m = re.match(r"\s*([+-]?\d[\d_]*)", text)
    return int(m.group(1).replace("_", "")) if m else 0


def _ruby_float(text: str) -> float | None:
    upper = text.upper()
    special = {"INF": float("inf"), "+INF": float("inf"), "-INF": float("-inf"), "NAN": float("nan")}
    if upper in special:
        return special[upper]
    try:
        return float(re.sub(r"\.$", ".0", re.sub(r"\.[eE]", ".0E", text)))
    except ValueError:
        return None


def parse_datetime(text: str, date_only: bool = False) -> RubyDateTime:
    """RDF::Literal::DateTime/Date#object: a DateTime, or DateTime.new when Ruby cannot parse it."""
    m = _DATE_TIME.match(text)
    if m is None:
        return RubyDateTime(-1e18, _RUBY_EPOCH_TEXT)
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hour = minute = second = 0
    if m.group(4) and not date_only:
        hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    zone = m.group(8)
    offset = 0
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * (int(digits[:2]) * 60 + int(digits[2:]))
    try:
        moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone.utc)
    except ValueError:
        return RubyDateTime(-1e18, _RUBY_EPOCH_TEXT)
    key = (moment - _EPOCH).total_seconds() - offset * 60
    zone_sign = "-" if offset < 0 else "+"
    text_zone = f"{zone_sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return RubyDateTime(key, f"{moment:%Y-%m-%dT%H:%M:%S}{text_zone}")


def _group(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float, Decimal)):
        return "number"
    if isinstance(value, (RubyDateTime, RubyDate)):
        return "date"
    if isinstance(value, str):
        return "string"
    return "other"


def _compare(a: Any, b: Any) -> int:
    group = _group(a)
    if group != _group(b) or group in ("other", "false"):
        if group == "false" and _group(b) == "false":
            return 0
        raise ExtractorCrash(f"comparison of {_ruby_class(a)} with {_ruby_class(b)} failed")
    if group == "true":
        return 0
    if group == "date":
        ka, kb = a.key, b.key
    elif group == "number":
        if a != a or b != b:  # NaN
            raise ExtractorCrash("comparison of Float with Float failed")
        ka, kb = a, b
    else:
        ka, kb = a, b
    return -1 if ka < kb else 1 if ka > kb else 0


def _ruby_class(value: Any) -> str:
    group = _group(value)
    return {"true": "TrueClass", "false": "FalseClass", "number": "Numeric", "date": "DateTime"}.get(group, "String")


def identity(value: Any) -> tuple[str, Any]:
    """What Ruby's uniq/| compare: eql? (1 and 1.0 differ; equal strings do not)."""
    if isinstance(value, dict):
        return ("hash", tuple(sorted((k, identity(v)) for k, v in value.items())))
    return (type(value).__name__, value)


def uniq(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for value in values:
        key = identity(value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def union(a: list[Any], b: list[Any]) -> list[Any]:
    return uniq(a + b)


def ruby_sorted(values: list[Any]) -> list[Any]:
    if len(values) < 2:
        return list(values)
    return sorted(values, key=cmp_to_key(_compare))


def ruby_split(text: str, sep: str) -> list[str]:
    """String#split with a string separator: trailing empty fields are removed."""
    parts = text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def to_s(value: Any) -> str:
    """Ruby's to_s / string interpolation of an extracted value."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (RubyDateTime, RubyDate)):
        return value.text
    if isinstance(value, float):
        return _ruby_float_text(value)
    if isinstance(value, Decimal):
        return _ruby_decimal_text(value)
    return str(value)


def _ruby_float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        return f"{mantissa}e{exponent[0] if exponent[0] == '-' else '+'}{exponent.lstrip('+-').zfill(2)}"
    return text


def _ruby_decimal_text(value: Decimal) -> str:
    """BigDecimal#to_s: 0.15e2 style."""
    if value.is_nan():
        return "NaN"
    if value.is_zero():
        return "0.0"
    sign, digits, exponent = value.normalize().as_tuple()
    text = "".join(map(str, digits))
    power = len(digits) + int(exponent)
    return f"{'-' if sign else ''}0.{text}e{power}"


def to_json(value: Any) -> Any:
    """The value as the oracle prints it (jsonable: strings, numbers, booleans, lists, hashes; else to_s)."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else to_s(value)
    return to_s(value)
