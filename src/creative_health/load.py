"""Safe YAML reading with a line and column for every field.

The reader builds plain Python values straight from libyaml's event stream, so it
can refuse what a directory file never needs (anchors and aliases, tags, several
documents, deep nesting) before anything is expanded, and it resolves plain scalars
by a small, explicit rule set instead of YAML 1.1's: ``no`` and ``on`` stay text,
``0123`` stays text (not octal), ``10:30`` stays text (not sexagesimal) and dates
stay text for the schema to check. Only ``true``/``false``, ``null``/``~``/empty and
plain decimal numbers change type.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.parser import Parser as _PythonParserBase
from yaml.reader import Reader
from yaml.scanner import Scanner

from .errors import UserError
from .problems import Problem


class _PythonParser(Reader, Scanner, _PythonParserBase):
    """PyYAML's pure-Python parser: slower, but it reads one token at a time everywhere."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        _PythonParserBase.__init__(self)


_Parser: type[_CParser] | type[_PythonParser]
try:  # libyaml is in PyYAML's wheels; the pure-Python parser is the fallback.
    from yaml._yaml import CParser as _CParser  # what yaml.cyaml imports

    _Parser = _CParser
except ImportError:  # pragma: no cover
    _Parser = _PythonParser

# Some libyaml builds stop at 1,000 levels of [ and { with their own error before this
# reader's depth check, and at a different place; a file that could get near that is
# read with the Python parser, so every build gives the same message.
_FLOW_OPENERS_FOR_LIBYAML = 500


MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 16

PathKey = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z")
_STR_TAGS = {"tag:yaml.org,2002:str", "!"}
_MAP_TAGS = {"tag:yaml.org,2002:map"}
_SEQ_TAGS = {"tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


# Where a key and its value start: (key line, key column, value line, value column), 1-based.
Spot = tuple[int, int, int, int]


@dataclass
class Document:
    """One YAML file's data with the position of every key and value.

    Positions are kept per container (a mapping or list, by identity), so reading a file
    never builds a path for every value; a path is only followed when a message needs it.
    """

    path: str  # as shown in messages: relative to the working directory where possible
    data: Any
    spots: dict[int, dict[str | int, Spot]] = field(default_factory=dict)
    root: Mark = Mark(1, 1)
    # Numbers and true/false as the file spells them ("1098765.10", "True"), by container
    # and key, so a message can quote what the person wrote rather than Python's form.
    written: dict[tuple[int, str | int | None], str] = field(default_factory=dict)
    # Whether a number is a whole number written as a decimal (18.0, 1e3), which JSON
    # Schema counts as an integer; None when the document was not read by parse_text.
    whole_float: bool | None = None

    def as_written(self, path: PathKey) -> str | None:
        """The source text of the unquoted number or true/false at ``path``, if it is one."""
        if not path:
            return None
        node = self.data
        try:
            for part in path[:-1]:
                node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
        return self.written.get((id(node), path[-1]))

    def _deepest(self, path: PathKey) -> tuple[Spot | None, bool]:
        """The spot of the deepest part of ``path`` that exists, and whether all of it did."""
        node, spot = self.data, None
        for part in path:
            table = self.spots.get(id(node)) if isinstance(node, dict | list) else None
            if table is None or part not in table:
                return spot, False
            spot = table[part]
            node = node[part]
        return spot, True

    def key_mark(self, path: PathKey) -> Mark | None:
        spot, found = self._deepest(path)
        return Mark(spot[0], spot[1]) if found and spot else None

    def value_mark(self, path: PathKey) -> Mark | None:
        spot, found = self._deepest(path)
        return Mark(spot[2], spot[3]) if found and spot else None

    def mark_for(self, path: PathKey, *, prefer_value: bool = False) -> Mark:
        """The best position for a field: its own, else its nearest ancestor's key."""
        spot, found = self._deepest(path)
        if spot is None:
            return self.root
        if found and prefer_value:
            return Mark(spot[2], spot[3])
        return Mark(spot[0], spot[1])


class LoadError(UserError):
    def __init__(self, message: str, mark: Mark, fix: str = "", field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.fix = fix
        self.field = field


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar by the directory's small YAML 1.2-style rule set."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def display_path(path: Path) -> str:
    try:
        # Resolve the folder, not the file: a symbolic link is named as itself.
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _looks_like_utf16(raw: bytes) -> bool:
    """Text saved as UTF-16 with no byte order mark: every other byte is zero (for
    the ASCII letters that make up most of a YAML file) and the whole decodes to
    printable text. A binary file fails one test or the other."""
    if len(raw) < 4 or len(raw) % 2:
        return False
    for encoding, zeros in (("utf-16-le", raw[1::2]), ("utf-16-be", raw[0::2])):
        if zeros.count(0) * 2 < len(zeros):
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(char.isprintable() or char in "\t\r\n" for char in text):
            return True
    return False


def decode(raw: bytes, size: int | None = None) -> str:
    """The file's text. ``size`` is the file's full size when only its start was read."""
    size = len(raw) if size is None else max(size, len(raw))
    if size > MAX_FILE_BYTES:
        raise LoadError(
            f"the file is {-(-size // 1024)} KB; the limit is {MAX_FILE_BYTES // 1024} KB.",
            Mark(1, 1),
            "Shorten the descriptions or split the activities between providers.",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            "the file is saved as UTF-16.",
            Mark(1, 1),
            "Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).",
        )
    if b"\x00" in raw and _looks_like_utf16(raw):
        raise LoadError(
            "the file is saved as UTF-16 (without a byte order mark), not UTF-8.",
            Mark(1, 1),
            "Save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).",
        )
    if b"\x00" in raw:
        raise LoadError(
            "this is a binary file, not a YAML text file.",
            Mark(1, 1),
            "Provider files must be plain text YAML; remove this file or replace it.",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark is harmless: drop it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}).",
            Mark(line, column),
            "Save the file as UTF-8; characters such as curly quotes or accents "
            "pasted from a word processor are the usual cause.",
        ) from None


_OPENS_QUOTED_VALUE = re.compile(r'^\s*(?:-\s+)?(?:[\w-]+:\s+)?"')


def _unclosed_quote_line(text: str, up_to: int) -> int | None:
    """The first line before ``up_to`` whose value starts with a double quote that the
    line never closes: the usual cause of a confusing error further down."""
    for number, line in enumerate(text.splitlines()[: up_to - 1], start=1):
        if not _OPENS_QUOTED_VALUE.match(line):
            continue
        if len(re.findall(r'(?<!\\)"', line)) % 2:
            return number
    return None


_FIELD_START = re.compile(r"(\s*(?:-\s+)*)[^\s:#\-][^:#]*?(?P<colon>:)(?:\s|$)")


def _indented_too_far(text: str, line: int, column: int) -> int | None:
    """Where the field starts, when the error at ``line``:``column`` is the colon of a
    field name on a line that starts further right than the field before it: YAML then
    reads the line as the end of the previous value ("mapping values are not allowed")."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    here = _FIELD_START.match(lines[line - 1])
    if not here or here.start("colon") + 1 != column:
        return None
    for previous in reversed(lines[: line - 1]):
        if previous.strip() and not previous.lstrip().startswith("#"):
            above = _FIELD_START.match(previous)
            if above and len(above.group(1)) < len(here.group(1)):
                return len(here.group(1)) + 1
            return None
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    fix = ""
    quoting = "quoted scalar" in (exc.context or "") or problem.startswith(
        ("expected <block end>", "found unexpected end of stream", "did not find expected key")
    )
    if quoting and (unclosed := _unclosed_quote_line(text, line)):
        return LoadError(
            "YAML syntax error: a quoted value is not closed.",
            Mark(unclosed, 1),
            "Add the missing closing quote mark on this line.",
        )
    if "\t" in source_line or "'\\t'" in problem:
        problem = "a tab character is used for indentation"
        fix = "YAML needs spaces, not tabs: replace each tab with two spaces."
    elif "mapping values are not allowed" in problem and (
        start := _indented_too_far(text, line, column)
    ):
        return LoadError(
            "YAML syntax error: this line is indented further than the field above it.",
            Mark(line, start),
            "Check the indentation: move this line left so that it lines up exactly with "
            "the other fields of the same item.",
        )
    elif "mapping values are not allowed" in problem:
        fix = "A value contains ': '. Put the whole value in double quotes."
    elif problem.startswith(
        (
            "could not find expected ':'",
            "expected <block end>",
            "did not find expected key",
            "did not find expected '-' indicator",
        )
    ):
        fix = "Check the indentation: fields of the same item must line up exactly."
    elif "found unexpected end of stream" in problem or "while scanning a quoted scalar" in (
        exc.context or ""
    ):
        fix = "A quoted value is not closed: add the missing quote mark."
    elif "found character" in problem and "cannot start any token" in problem:
        fix = "Put the value in double quotes."
    return LoadError(f"YAML syntax error: {problem}.", Mark(line, column), fix)


def _unprintable_character(text: str) -> LoadError:
    """Where the first character YAML refuses is (a control character pasted in with
    text), and how to remove it: the parser's own error gives no line."""
    found = Reader.NON_PRINTABLE.search(text)
    if found is None:  # pragma: no cover (the parser refused a character it defines)
        return LoadError("the file holds a character YAML cannot read.", Mark(1, 1))
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    code = f"U+{ord(found.group()):04X}"
    return LoadError(
        f"the file holds an invisible control character ({code}) here, which YAML does not allow.",
        Mark(line, column),
        f"Remove the invisible character {code}: delete the text around this spot and "
        "type it again rather than pasting it.",
    )


def _mark(event: ev.Event) -> Mark:
    start = event.start_mark  # the parser gives every event one
    return Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)


def _path_text(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _refuse_anchor_or_tag(event: ev.ScalarEvent | ev.CollectionStartEvent, path: PathKey) -> None:
    if event.anchor:
        raise LoadError(
            f"YAML anchors (&{event.anchor}) are not allowed in directory files.",
            _mark(event),
            "Write the value out in full instead of using & and *.",
            _path_text(path),
        )
    tag = event.tag
    if tag is None:
        return
    if isinstance(event, ev.ScalarEvent):
        allowed, explicit = _STR_TAGS, not event.implicit[0] and not event.implicit[1]
    else:
        allowed = _MAP_TAGS if isinstance(event, ev.MappingStartEvent) else _SEQ_TAGS
        explicit = not event.implicit
    if explicit and tag not in allowed:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(
            f"YAML tags such as {shown} are not allowed in directory files.",
            _mark(event),
            "Remove the tag (the part starting with !); write plain values only.",
            _path_text(path),
        )


class _Frame:
    """An open mapping or list while the events for its contents arrive."""

    __slots__ = ("container", "key", "key_spot", "spots", "where")

    def __init__(self, container: dict[Any, Any] | list[Any], where: str | int | None) -> None:
        self.container = container
        self.spots: dict[str | int, Spot] = {}
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_spot: tuple[int, int] = (0, 0)
        self.where = where  # this container's key or index in its parent


def _path(stack: list[_Frame], last: str | int | None = None) -> PathKey:
    parts = [frame.where for frame in stack[1:]]
    if last is not None:
        parts.append(last)
    return tuple(p for p in parts if p is not None)


def parse_text(text: str, shown_path: str) -> Document:
    """Parse YAML text into a Document. Raises LoadError for anything unusable."""
    doc = Document(shown_path, None)
    openers = text.count("[") + text.count("{")
    parser = _Parser(text) if openers < _FLOW_OPENERS_FOR_LIBYAML else _PythonParser(text)
    try:
        _read_events(parser, doc)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError:
        raise _unprintable_character(text) from None
    except yaml.YAMLError as exc:  # pragma: no cover (every other error carries a mark)
        raise LoadError(f"YAML error: {exc}", Mark(1, 1)) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    # `written` holds the text of every unquoted number: a float there is written
    # with a point or an exponent, and a whole one (18.0, 1e3) is noted for the schema.
    doc.whole_float = any(
        _FLOAT.match(shown) and float(shown).is_integer() for shown in doc.written.values()
    )
    return doc


def _read_events(parser: Any, doc: Document) -> None:
    """Build ``doc``'s data and marks from the parser's events. The loader's hot loop (every
    node of every file): it keeps what it uses in locals; only error messages are helpers."""
    stack: list[_Frame] = []
    documents = 0
    scalar, map_start, seq_start = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    get_event = parser.get_event
    while True:
        event = get_event()
        kind = type(event)
        if kind in ends:
            frame = stack.pop()
            doc.spots[id(frame.container)] = frame.spots
            if not stack:
                doc.data = frame.container
            continue
        if kind is scalar or kind is map_start or kind is seq_start:
            marked = event.anchor is not None or getattr(event, "tag", None) is not None
            start = event.start_mark
            line, column = start.line + 1, start.column + 1
            where: str | int | None  # this node's key or index; None for the root
            if stack:
                frame = stack[-1]
                container = frame.container
                if type(container) is dict:
                    if frame.key is None:  # this node is a key
                        if kind is not scalar:
                            raise _key_not_plain(line, column, stack)
                        if marked:
                            _refuse_anchor_or_tag(event, _path(stack))
                        key = event.value
                        if key in frame.spots:
                            raise _key_twice(key, line, column, stack)
                        frame.key = key
                        frame.key_spot = (line, column)
                        frame.spots[key] = (line, column, line, column)
                        continue
                    where = frame.key
                    frame.spots[where] = (*frame.key_spot, line, column)
                    frame.key = None
                else:
                    where = len(container)
                    frame.spots[where] = (line, column, line, column)
            else:
                where = None
                doc.root = Mark(line, column)
            if marked:
                _refuse_anchor_or_tag(event, _path(stack, where))
            if kind is scalar:
                value = event.value if event.style or event.tag else resolve_plain(event.value)
                if stack:
                    if type(value) is not str and value is not None:
                        doc.written[(id(container), where)] = event.value
                    if isinstance(container, dict):
                        container[where] = value
                    else:
                        container.append(value)
                else:
                    doc.data = value
                continue
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(line, column, stack, where)
            value = {} if kind is map_start else []
            if stack:
                if isinstance(container, dict):
                    container[where] = value
                else:
                    container.append(value)
            stack.append(_Frame(value, where))
            continue
        if kind is ev.StreamEndEvent:
            break
        if kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _second_document(event)
            continue
        if kind is ev.AliasEvent:
            raise _alias(event)


def _key_not_plain(line: int, column: int, stack: list[_Frame]) -> LoadError:
    return LoadError(
        "a field name must be plain text.",
        Mark(line, column),
        "Check the indentation and colons on this line.",
        _path_text(_path(stack)),
    )


def _key_twice(key: str, line: int, column: int, stack: list[_Frame]) -> LoadError:
    return LoadError(
        f"'{key}' appears twice (first on line {stack[-1].spots[key][0]}).",
        Mark(line, column),
        "Keep one of them and delete the other.",
        _path_text(_path(stack, key)),
    )


def _too_deep(line: int, column: int, stack: list[_Frame], where: str | int | None) -> LoadError:
    return LoadError(
        f"the file is nested more than {MAX_DEPTH} levels deep.",
        Mark(line, column),
        "Directory files are only a few levels deep; check the indentation.",
        _path_text(_path(stack, where)),
    )


def _second_document(event: ev.Event) -> LoadError:
    return LoadError(
        "the file holds more than one YAML document.",
        _mark(event),
        "Keep one document per file: remove the extra '---' line and "
        "anything after it that belongs elsewhere.",
    )


def _alias(event: ev.AliasEvent) -> LoadError:
    return LoadError(
        f"YAML aliases (*{event.anchor}) are not allowed in directory files.",
        _mark(event),
        "Write the value out in full instead of using & and *.",
    )


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_regular_file(path: Path) -> tuple[bytes, int]:
    """At most one byte more than the size limit of an ordinary file, and its size.

    A symbolic link is refused rather than followed: a pull request could otherwise add
    a "provider file" that points outside the repository (at a secret, or at /dev/zero)
    and have the validator read it and quote its values in a public CI log. Reading
    stops past the limit, so a huge file is never read whole.
    """
    if path.is_symlink():
        raise LoadError(
            "this is a symbolic link, not a file.",
            Mark(1, 1),
            "Replace the link with the file itself: content files must be ordinary files.",
        )
    descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(
                "this is not an ordinary file.",
                Mark(1, 1),
                "Replace it with a plain text YAML file, or remove it.",
            )
        return handle.read(MAX_FILE_BYTES + 1), info.st_size


def load_file(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file. Returns the document, or None and the problems."""
    shown = display_path(path)
    try:
        raw, size = _read_regular_file(path)
    except LoadError as exc:
        return None, [Problem(shown, 1, 1, "", exc.message, exc.fix)]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror}.")]
    try:
        text = decode(raw, size)
        if not text.strip() or all(
            not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
        ):
            raise LoadError(
                "the file is empty.", Mark(1, 1), "Fill it in, or delete it if it is not needed."
            )
        doc = parse_text(text, shown)
    except LoadError as exc:
        return None, [
            Problem(shown, exc.mark.line, exc.mark.column, exc.field, exc.message, exc.fix)
        ]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [
            Problem(
                shown,
                1,
                1,
                "",
                f"the file is {kind}, but it must be a set of fields (name: value lines).",
                "Start each top-level line with a field name such as 'name:'.",
            )
        ]
    return doc, []
