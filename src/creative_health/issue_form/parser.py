"""Reading a submitted form's Markdown body back into its answers, by question.

A submitted form's body is a series of ``### <label>`` headings, each followed by the
answer: ``_No response_`` when empty, ``- [X] option`` lines for checkboxes and
``A, B`` for dropdowns that allow several choices.
"""

from __future__ import annotations

import re

from .definition import FIELDS, NO_RESPONSE, Field, FormError


def parse_body(body: str) -> dict[str, str | None]:
    """The raw answer under each of the form's headings, by field id (None: no response).

    Raises FormError when the body is not this form, when a heading appears twice (an
    answer that contains a line such as '### Activity name' could otherwise pose as
    another answer), or when an answer holds a control or text-direction character.
    """
    by_label = {f.label: f for f in FIELDS}
    sections: dict[str, list[str]] = {}
    current: str | None = None
    problems = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = line[4:].strip() if line.startswith("### ") else None
        if heading in by_label:
            field_id = by_label[heading].id
            if field_id in sections:
                problems.append(
                    f"'{heading}' appears twice in the issue. An answer may contain a line "
                    "that looks like a form heading: edit the issue so each heading appears once."
                )
            sections[field_id] = []
            current = field_id
        elif current is not None:
            sections[current].append(line)
    if not sections:
        raise FormError(
            [
                "this is not an 'Add my organisation or activity' form: none of its headings were found."
            ]
        )
    if problems:
        raise FormError(problems)
    answers: dict[str, str | None] = {}
    for f in FIELDS:
        text = "\n".join(sections.get(f.id, [])).strip()
        answers[f.id] = None if text in {"", NO_RESPONSE} else text
    problems = [p for f in FIELDS if (p := _hidden_character(f, answers[f.id]))]
    if problems:
        raise FormError(problems)
    return answers


# Characters no answer may hold: C0 and C1 controls and DEL (a terminal escape such as
# ESC [31m in "Anything else" would colour or rewrite the steward's terminal; others are
# invisible), and the bidirectional embeddings, overrides and isolates that make text
# display in another order than it is stored. Line breaks and tabs are fine.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hidden_character(f: Field, answer: str | None) -> str | None:
    """A problem for the first control or text-direction character in an answer, if any.

    The message names the character by its code, never shows it."""
    found = _HIDDEN.search(answer or "")
    if found is None or answer is None:
        return None
    char = found.group()
    what = (
        "an invisible text-direction control character"
        if "\u202a" <= char <= "\u2069"
        else "a control character"
    )
    line = answer.count("\n", 0, found.start()) + 1
    count = len(_HIDDEN.findall(answer))
    more = f" (and {count - 1} more)" if count > 1 else ""
    where = f" in line {line} of the answer" if "\n" in answer else ""
    return (
        f"'{f.label}': contains {what} (U+{ord(char):04X}){where}{more}, which cannot be "
        "published. Edit the issue and retype that answer rather than pasting it."
    )
