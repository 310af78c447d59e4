"""JSON Schema checks, with errors translated into plain English.

The published schemas in ``schema/`` describe vocabulary terms as ``oneOf`` lists of
``const`` values with titles, which editors show as autocomplete help. For checking,
each file's schema is compiled once into an equivalent self-contained copy: vocabulary
``$ref``s are inlined and each ``oneOf`` of constants becomes an ``enum`` (same
meaning, far fewer sub-schema evaluations, and one clear error per bad value).
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jsonschema_rs
import regress
import rfc3986_validator
import yaml
from fqdn import FQDN

from .load import Document, PathKey
from .problems import Problem
from .webaddress import local_url_reason

if TYPE_CHECKING:  # jsonschema is imported only when a file has errors: it loads slowly
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

KINDS = ("provider", "pathway", "region")
UNKNOWN_TERM = "unknown-term"

TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "must use only lower-case letters a-z, numbers and single hyphens, like 'peckham-print'"
    ),
    TIME_PATTERN: 'must be a 24-hour time in quotes, like "10:30"',
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "must be a date written YYYY-MM-DD, like 2026-09-14",
    "^https?://": "must be a web address starting with https:// (or http://)",
    "^[EWSN][0-9]{8}$": "must be a 9-character ONS GSS code, like E09000028",
    "^[A-Z]{1,2}[0-9][A-Z0-9]?$": (
        "must be an outward code in capital letters (the part of a postcode before "
        "the space), like SE15"
    ),
    "^[0-9]{6,8}(-[0-9]{1,2})?$": 'must be a Charity Commission number, like "1234567"',
    "^([0-9]{8}|[A-Z]{2}[0-9]{6})$": 'must be an 8-character Companies House number, like "08123456"',
    "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$": (
        "must be a GitHub username (letters, numbers and single hyphens), without the @"
    ),
}

_TIME_LIKE = re.compile(
    r"\s*([0-9]{1,2})(?:\s*[:.h]\s*([0-9]{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*\Z", re.IGNORECASE
)


def tidy_time(value: object) -> str | None:
    """A clock time written another way ("9:30", "9.30", "2pm", "2:15 pm") in the
    24-hour HH:MM form the schema asks for, or None if it is not one."""
    if not isinstance(value, str) or not (found := _TIME_LIKE.match(value)):
        return None
    hours, minutes, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if found.group(2) is None and half is None:
        return None  # a bare number is not clearly a time
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lower() == "p" else 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields",
    "null": "empty",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "empty"


def _compile(node: Any, vocab_defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_compile(item, vocab_defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and node["$ref"].startswith("vocabularies.schema.json#/$defs/"):
        name = node["$ref"].rsplit("/", 1)[1]
        merged = {k: v for k, v in node.items() if k != "$ref"}
        merged["enum"] = [term["const"] for term in vocab_defs[name]["oneOf"]]
        merged["x-vocabulary"] = name
        merged.setdefault("title", vocab_defs[name]["title"])
        return merged
    return {key: _compile(value, vocab_defs) for key, value in node.items()}


@cache
def published_schema(schema_dir: Path, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schema_dir / f"{kind}.schema.json").read_text("utf-8"))
    return schema


@cache
def compiled_schema(schema_dir: Path, kind: str) -> dict[str, Any]:
    vocab = published_schema(schema_dir, "vocabularies")["$defs"]
    compiled: dict[str, Any] = _compile(copy.deepcopy(published_schema(schema_dir, kind)), vocab)
    return compiled


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

# The dates a directory file may hold. Reviews, terms and sessions all fall well inside
# this window; a date outside it is a typing mistake (20266-01-01 cannot be written, but
# 2206 or 9999 can), and far-off dates would overflow calendar arithmetic downstream.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def in_date_window(value: str) -> bool:
    """Whether a date written YYYY-MM-DD has a year from FIRST_YEAR to LAST_YEAR."""
    return FIRST_YEAR <= int(value[:4]) <= LAST_YEAR


def is_real_date(value: object) -> bool:
    """The ``date`` format: a calendar date written YYYY-MM-DD that Python can hold.

    RFC 3339 allows the year 0000, which no ``datetime.date`` can represent; both
    validators use this one check so they agree and a passing date can always be read.
    """
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return in_date_window(value)


def is_web_address(value: object) -> bool:
    """The ``uri`` format: an RFC 3986 URI whose web address (http or https) names a
    real-looking public host: ``https://`` and ``https://example..org`` are not links,
    and neither is an address on a private or local network (``http://127.0.0.1/``,
    ``http://169.254.169.254/``, ``http://printer.local/``), which no visitor can reach."""
    if not isinstance(value, str):
        return True
    if not rfc3986_validator.validate_rfc3986(value, rule="URI"):
        return False
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"}:
        return True
    try:
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return False
    if not parts.hostname or local_url_reason(value):
        return False
    return FQDN(parts.hostname).is_valid


FORMATS = {"date": is_real_date, "uri": is_web_address}


@cache
def _ecma_regex(pattern: str) -> regress.Regex:
    return regress.Regex(pattern)


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """``pattern`` with ECMA-262 semantics, as JSON Schema defines it and jsonschema-rs
    applies it: Python's ``re`` lets ``$`` match before a final line break, so
    ``"n1\\n"`` would pass ``^[a-z0-9]+$`` here and fail in the quick check."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and _ecma_regex(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def validator_for(schema_dir: Path, kind: str) -> Validator:
    from jsonschema import Draft202012Validator, FormatChecker, validators

    checker = FormatChecker(formats=())
    checker.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    # JSON Schema counts 18.0 as an integer; a directory file may not: it would show as
    # "18.0" on pages and break calendar rules. Only true Python ints are integers here.
    type_checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: type(value) is int
    )
    # types-jsonschema leaves validators.extend unannotated: the ignore is for that only.
    validator_class: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _ecma_pattern}, type_checker=type_checker
    )
    return validator_class(compiled_schema(schema_dir, kind), format_checker=checker)


def field_text(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _ExampleDumper(yaml.SafeDumper):
    """Writes text holding a digit in double quotes, as the directory asks for phone
    numbers, postcodes, codes and times ("020 7946 0123", "SE15 4AB", "10:30")."""


def _quoted_if_numeric(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(char.isdigit() for char in value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ExampleDumper.add_representer(str, _quoted_if_numeric)

_LONGEST_EXAMPLE = (
    150  # characters (a whole venue, location included); longer would bury the message
)


def _example(schema: dict[str, Any]) -> str:
    examples = schema.get("examples")
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    # A list or set of fields as YAML writes it on one line: {name: Sam Taylor, ...}
    flow = yaml.dump(
        value,
        Dumper=_ExampleDumper,
        default_flow_style=True,
        sort_keys=False,
        allow_unicode=True,
        width=10**6,
    )
    return flow.strip()


def _words(code: str) -> frozenset[str]:
    return frozenset(word for word in re.split(r"[-_\s]+", code.casefold()) if word)


def closest(value: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The option the person most likely meant: the one whose words all appear in what
    they wrote, or all of whose words they wrote ('gp-referral' -> 'gp', 'ics' ->
    'ics_name'), when exactly one does; else the closest spelling."""
    written = _words(value)
    overlapping = [
        option
        for option in options
        if written and (_words(option) <= written or written <= _words(option))
    ]
    if len(overlapping) == 1:
        return overlapping[0]
    match = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return match[0] if match else None


def _property_schema(root: dict[str, Any], path: PathKey) -> dict[str, Any]:
    """The schema describing the value at ``path``, following properties and items."""
    node = root
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return node


def _lookalike(value: object) -> str:
    """Names the first non-ASCII character in a code, which may look exactly like a
    plain letter (a Cyrillic 'о' for an 'o'), so the reader can see what is wrong."""
    if not isinstance(value, str):
        return ""
    for char in value:
        if not char.isascii() and unicodedata.category(char)[0] in "LN":
            name = unicodedata.name(char, "a letter from another alphabet")
            return f": it contains {name} (U+{ord(char):04X}), which can look like a plain letter"
    return ""


def _condition_reason(root: dict[str, Any], schema_path: list[str | int]) -> str:
    """The description of the if/then branch that made a field required, if any."""
    if "then" not in schema_path:
        return ""
    node: Any = root
    for part in schema_path[: schema_path.index("then") + 1]:
        node = node[part]
    return str(node.get("description", ""))


def _format_fix(fmt: str, value: Any, schema: dict[str, Any]) -> str:
    if fmt == "email":
        return "Write it like name@example.org, with no spaces."
    if fmt == "date":
        return "Check the day, month and year: write YYYY-MM-DD, like 2026-09-14."
    if fmt == "uri" and isinstance(value, str) and local_url_reason(value):
        return (
            "Give the address of a public web page, as visitors see it in their browser, "
            "like https://example.org/your-page."
        )
    if fmt == "uri" and isinstance(value, str):
        if any(char.isspace() for char in value):
            return "Remove the spaces, or write each space inside the address as %20."
        if not rfc3986_validator.validate_rfc3986(value, rule="URI"):
            return (
                "Copy the address from your browser's address bar: this one holds a "
                "character a web address cannot."
            )
        example = schema.get("examples", ["https://example.org/your-page"])[0]
        return (
            "Write the whole address, with the site's name after https:// "
            f"(like {example}), and check for a doubled or missing dot."
        )
    return ""


@dataclass(frozen=True)
class _Failure:
    """One schema error, with what every message about it needs."""

    error: ValidationError
    doc: Document
    root: dict[str, Any]
    path: PathKey
    schema: dict[str, Any]
    value: Any
    keyword: str
    expected: Any  # the keyword's value in the schema: the limit, pattern, options...
    title: str

    def problem(
        self, message: str, fix: str = "", at: PathKey | None = None, prefer_value: bool = True
    ) -> Problem:
        at = self.path if at is None else at
        mark = self.doc.mark_for(at, prefer_value=prefer_value)
        code = UNKNOWN_TERM if self.keyword == "enum" else f"schema-{self.keyword}"
        return Problem(
            self.doc.path, mark.line, mark.column, field_text(at), message, fix, code=code
        )


def _translate(error: ValidationError, doc: Document, root: dict[str, Any]) -> Iterator[Problem]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    f = _Failure(
        error,
        doc,
        root,
        tuple(error.absolute_path),
        schema,
        error.instance,
        str(error.validator),
        error.validator_value,
        schema.get("title", ""),
    )
    yield from _MESSAGES.get(f.keyword, _as_reported)(f)


def _as_reported(f: _Failure) -> Iterator[Problem]:
    yield f.problem(f.error.message, "")


def _on_required(f: _Failure) -> Iterator[Problem]:
    path, value = f.path, f.value
    because = _condition_reason(f.root, list(f.error.schema_path))
    for name in f.expected:
        if isinstance(value, dict) and name not in value:
            child = _property_schema(f.root, (*path, name))
            example = _example(child)
            label = child.get("title", "")
            named = f"'{name}' ({label})" if label and label.lower() != name else f"'{name}'"
            reason = f" {because}" if because else ""
            if example and len(example) <= _LONGEST_EXAMPLE:
                fix = f"Add a line such as `{name}: {example}`."
            elif example:
                fix = f"Add `{name}:` and fill it in as the field reference shows."
            else:
                fix = f"Add `{name}:`."
            yield f.problem(f"{named} is missing.{reason}", fix, prefer_value=False)


def _on_additional_properties(f: _Failure) -> Iterator[Problem]:
    allowed = sorted(f.schema.get("properties", {}))
    for extra in sorted(set(f.value) - set(allowed)):
        guess = closest(extra, allowed)
        fix = f"Did you mean '{guess}'?" if guess else f"Allowed fields here: {', '.join(allowed)}."
        yield f.problem(f"'{extra}' is not a field here.", fix, (*f.path, extra), False)


def _on_enum(f: _Failure) -> Iterator[Problem]:
    value, title = f.value, f.title
    vocab = f.schema.get("x-vocabulary")
    options = [str(o) for o in f.expected]
    guess = closest(str(value), options) if isinstance(value, str) else None
    what = f"a known {title.lower()}" if title else "an allowed value"
    if vocab:
        fix = f"Did you mean '{guess}'?" if guess else f"Use one of: {', '.join(options)}."
    else:
        fix = f"Use one of: {', '.join(options)}."
    yield f.problem(f"{json.dumps(value, ensure_ascii=False)} is not {what}.", fix)


def _on_type(f: _Failure) -> Iterator[Problem]:
    path, value, doc = f.path, f.value, f.doc
    expected = f.expected
    if expected == "integer" and isinstance(value, float):
        shown = doc.as_written(path) or str(value)
        fix = (
            f"Write {int(value)}, not {shown}."
            if value.is_integer() and abs(value) < 1e15
            else "Write a whole number, without a decimal point."
        )
        yield f.problem(f"must be a whole number, not {shown}.", fix)
        return
    expected_words = _TYPE_WORDS.get(expected, str(expected))
    yield f.problem(f"must be {expected_words}, not {_describe(value)}.", _type_fix(f, expected))


def _type_fix(f: _Failure, expected: str) -> str:
    value = f.value
    if expected == "string" and isinstance(value, int | float | bool):
        shown = f.doc.as_written(f.path) or json.dumps(value)
        if f.schema.get("pattern") == TIME_PATTERN and (tidy := tidy_time(shown)):
            return f'Write it in quotes as "{tidy}".'
        return f'Put it in quotes: "{shown}".'
    if expected == "boolean" and isinstance(value, str):
        return "Write true or false, without quotes."
    if expected == "array" and isinstance(value, str) and value.strip():
        items = ", ".join(part.strip() for part in value.split(",") if part.strip())
        return (
            f"Write it as a list: [{items}], or put each item on its own line starting with '- '."
        )
    if expected == "array":
        return "Write it as a list, for example [first, second]."
    if expected == "string" and isinstance(value, list | dict):
        return "Write one value after the colon, not a list or a set of fields."
    if expected in {"integer", "number"} and isinstance(value, str):
        return "Write the number without quotes or units."
    if value is None:
        return "Give a value after the colon, or remove the line."
    return ""


def _on_pattern(f: _Failure) -> Iterator[Problem]:
    value = f.value
    hint = _PATTERN_HINTS.get(f.expected, f"has the wrong form ({f.title})")
    example = _example(f.schema)
    fix = f"For example: {example}." if example else ""
    if f.expected == TIME_PATTERN and (tidy := tidy_time(value)):
        fix = f'Write it as "{tidy}".'
    yield f.problem(f"{json.dumps(value, ensure_ascii=False)} {hint}{_lookalike(value)}.", fix)


def _on_format(f: _Failure) -> Iterator[Problem]:
    fmt, value = f.expected, f.value
    if fmt == "date" and isinstance(value, str) and _is_calendar_date(value):
        yield f.problem(
            f"'{value}' is outside the dates the directory accepts ({FIRST_YEAR} to {LAST_YEAR}).",
            "Check the year: write YYYY-MM-DD, like 2026-09-14.",
        )
        return
    if fmt == "uri" and isinstance(value, str) and (local := local_url_reason(value)):
        yield f.problem(
            f"'{value}' points to {local}, not a public web page, so nobody else can open it.",
            _format_fix(fmt, value, f.schema),
        )
        return
    words = {
        "uri": "is not a complete web address",
        "email": "does not look like an email address",
        "date": "is not a real date",
    }.get(fmt, f"is not a valid {fmt}")
    yield f.problem(f"'{f.value}' {words}.", _format_fix(fmt, f.value, f.schema))


def _on_max_length(f: _Failure) -> Iterator[Problem]:
    path = f.path
    fix = (
        "Shorten it: keep what someone choosing an activity needs, and link to your "
        "website for the rest."
        if path and path[-1] == "description"
        else "Shorten it; put detail in the description instead."
    )
    yield f.problem(
        f"is too long: {len(f.value):,} characters; the limit is {f.expected:,}.",
        fix,
    )


def _on_min_length(f: _Failure) -> Iterator[Problem]:
    if f.value == "":
        yield f.problem("is empty.", "Fill it in, or remove the line.")
    else:
        yield f.problem(f"is too short: write at least {f.expected} characters.", "")


def _on_min_items(f: _Failure) -> Iterator[Problem]:
    n = f.expected
    yield f.problem(
        f"needs at least {n} item{'s' if n != 1 else ''}.", "Add to the list.", f.path, False
    )


def _on_max_items(f: _Failure) -> Iterator[Problem]:
    fix = (
        "List only the people who look after this entry day to day; reminders mention each of them."
        if f.path == ("maintainers",)
        else ""
    )
    yield f.problem(f"has {len(f.value)} items; the limit is {f.expected}.", fix, f.path, False)


def _on_unique_items(f: _Failure) -> Iterator[Problem]:
    seen: set[str] = set()
    for item in f.value:
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            yield f.problem(f"lists {key} twice.", "Remove the repeat.", f.path, False)
            return
        seen.add(key)


def _on_bound(f: _Failure) -> Iterator[Problem]:
    word = "at least" if "inimum" in f.keyword else "at most"
    yield f.problem(f"must be {word} {f.expected}, not {f.value}.", "")


def _on_one_of_required(f: _Failure) -> Iterator[Problem]:
    """anyOf/oneOf whose options each require one field: 'needs at least one of'."""
    options = f.expected
    if not all(set(option) == {"required"} for option in options):
        yield from _as_reported(f)
        return
    names = [option["required"][0] for option in options]
    yield f.problem(
        f"needs at least one of: {' or '.join(names)}.",
        f"Add `{names[0]}:`.",
        f.path,
        False,
    )


def _on_min_properties(f: _Failure) -> Iterator[Problem]:
    yield f.problem("is empty.", "Give at least one of its fields, or remove it.", f.path, False)


# How each JSON Schema keyword's failure is put in plain English; others as reported.
_MESSAGES: dict[str, Callable[[_Failure], Iterator[Problem]]] = {
    "required": _on_required,
    "additionalProperties": _on_additional_properties,
    "enum": _on_enum,
    "type": _on_type,
    "pattern": _on_pattern,
    "format": _on_format,
    "maxLength": _on_max_length,
    "minLength": _on_min_length,
    "minItems": _on_min_items,
    "maxItems": _on_max_items,
    "uniqueItems": _on_unique_items,
    "minimum": _on_bound,
    "maximum": _on_bound,
    "exclusiveMinimum": _on_bound,
    "exclusiveMaximum": _on_bound,
    "anyOf": _on_one_of_required,
    "oneOf": _on_one_of_required,
    "minProperties": _on_min_properties,
}


@cache
def quick_check_for(schema_dir: Path, kind: str) -> jsonschema_rs.Validator:
    """The same compiled schema in jsonschema-rs, about a hundred times faster: it decides
    whether a file is valid, and only an invalid file goes through the slower validator
    whose detailed errors become the messages."""
    return jsonschema_rs.validator_for(
        compiled_schema(schema_dir, kind), validate_formats=True, formats=FORMATS
    )


def _has_whole_float(data: Any) -> bool:
    """Whether any number in the data is a float with no fractional part (18.0, 1e3),
    which jsonschema-rs, following JSON Schema, accepts as an integer."""
    pending = [data]
    while pending:
        node = pending.pop()
        if type(node) is dict:
            pending.extend(node.values())
        elif type(node) is list:
            pending.extend(node)
        elif type(node) is float and node.is_integer():
            return True
    return False


def _is_calendar_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def schema_problems(doc: Document, kind: str, schema_dir: Path) -> list[Problem]:
    """Every schema problem in the file, in plain English.

    The quick check decides, except when the file holds a whole number written as a
    decimal (18.0): JSON Schema counts that as an integer, so only the detailed
    validator, whose integers are Python ints alone, can tell an integer field from it.
    """
    whole_float = _has_whole_float(doc.data) if doc.whole_float is None else doc.whole_float
    if quick_check_for(schema_dir, kind).is_valid(doc.data) and not whole_float:
        return []
    validator = validator_for(schema_dir, kind)
    root = compiled_schema(schema_dir, kind)  # the validator's schema
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(e.absolute_path))
    problems: list[Problem] = []
    typed_paths: set[PathKey] = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    shaped_paths = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator != "type" and path in typed_paths:
            continue  # a wrong type explains everything else about this value
        if error.validator == "format" and path in shaped_paths:
            continue  # the pattern's message already says how to write it
        problems.extend(_translate(error, doc, root))
    return problems
