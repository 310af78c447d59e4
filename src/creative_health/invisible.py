"""Invisible characters: which ones a directory file may hold, and where.

Every format character (Unicode category Cf) and every default-ignorable code point
is refused in every text field: they draw nothing, so they can make a name look empty
(Hangul fillers), make text read differently from what it says (direction marks and
overrides), make two codes that look the same differ (zero-width spaces and joiners),
or carry hidden text (tag characters). (Line and paragraph separators, U+2028 and
U+2029, are visible line breaks, not format characters: every output escapes them.)

Two kinds are kept where writing needs them:

- a zero-width non-joiner or joiner (U+200C, U+200D) between two letters of a script
  that uses them (Persian, Arabic, the Indic scripts and others; not Latin, Greek or
  Cyrillic), in any text, names included;
- in text other than names and codes, an emoji sequence: a joiner between two emoji
  (👩‍🎨), and a variation selector (U+FE0E, U+FE0F) straight after a symbol or a keycap
  digit (☕️, 1️⃣).

Tag characters (U+E0000 to U+E007F) are always refused, even though the flags of
England, Scotland and Wales use them: they can smuggle hidden text.
"""

from __future__ import annotations

import re
import unicodedata

# Category Cf together with the Default_Ignorable_Code_Point property (Unicode 15.1). tests/unit/test_hostile_validation.py checks that
# every Cf character of the running Python's Unicode database is in this set.
REFUSED = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
JOINERS = frozenset("\u200c\u200d")
PRESENTATION = frozenset("\ufe0e\ufe0f")
_NO_JOINERS = ("LATIN", "GREEK", "CYRILLIC", "FULLWIDTH", "HALFWIDTH")


def _needs_joiners(char: str) -> bool:
    return unicodedata.category(char)[0] == "L" and not unicodedata.name(char, "").startswith(
        _NO_JOINERS
    )


def _base_before(text: str, index: int, skip: tuple[str, ...]) -> str:
    """The character before ``index``, stepping back over categories in ``skip``."""
    index -= 1
    while index >= 0 and (unicodedata.category(text[index]) in skip or text[index] in PRESENTATION):
        index -= 1
    return text[index] if index >= 0 else ""


def _allowed(text: str, index: int, emoji: bool) -> bool:
    char = text[index]
    after = text[index + 1] if index + 1 < len(text) else ""
    if char in JOINERS:
        before = _base_before(text, index, ("Mn", "Mc"))
        if before and after and _needs_joiners(before) and _needs_joiners(after):
            return True
        if emoji and char == "\u200d":
            before = _base_before(text, index, ("Sk",))
            return unicodedata.category(before or "a") == "So" and (
                unicodedata.category(after or "a") == "So"
            )
        return False
    if char in PRESENTATION and index:
        before = text[index - 1]
        return unicodedata.category(before) in {"So", "Sm", "Sk"} or before in "0123456789#*"
    return False


def refused_characters(text: str, *, emoji: bool = True) -> list[str]:
    """The invisible characters ``text`` may not hold, each once, in order of appearance.
    ``emoji`` is False for names and codes, where emoji sequences are not kept."""
    found: list[str] = []
    for match in REFUSED.finditer(text):
        char = match.group()
        if char not in found and not _allowed(text, match.start(), emoji):
            found.append(char)
    return found


def has_visible_letter(text: str) -> bool:
    """Whether ``text`` holds a letter that draws something (a Hangul filler is a letter
    by category but draws nothing)."""
    if _ASCII_LETTER.search(text):
        return True
    return any(unicodedata.category(c)[0] == "L" and not REFUSED.match(c) for c in text)


_ASCII_LETTER = re.compile("[A-Za-z]")
