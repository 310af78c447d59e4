"""Deterministic JSON output, and dropping fields that have no value."""

from __future__ import annotations

import json
from typing import Any, overload


@overload
def prune(value: dict[str, Any]) -> dict[str, Any]: ...
@overload
def prune(value: list[Any]) -> list[Any]: ...
@overload
def prune(value: Any) -> Any: ...


def prune(value: Any) -> Any:
    """Remove None, empty strings, empty lists and empty objects at every level.

    Open Referral omits optional fields that have no value rather than writing
    ``null`` or ``""``. Zero and false are values and stay.
    """
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if not _is_empty(item)}
    if isinstance(value, list):
        pruned_items = [prune(item) for item in value]
        return [item for item in pruned_items if not _is_empty(item)]
    return value


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON ending with a newline; key order is the order the code builds.

    Compact on purpose: feeds are for programs, and without indentation Python's C
    encoder does the work (the indenting encoder is pure Python, and at 1,000
    providers it was the slowest part of the build).
    """
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
