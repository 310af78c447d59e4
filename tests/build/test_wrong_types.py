"""Every field of a region, pathway and provider file, in turn, given every wrong type:
the validator answers each with messages, never a traceback (hundreds of validations:
seconds, so not in tests/unit/)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, make_project

from creative_health.load import load_file
from creative_health.validate import validate

WRONG_TYPES: list[object] = [["a", "b"], {"k": "v"}, 5, 1.5, True, None, "text", [{"a": 1}]]


def _every_path(node: object, prefix: tuple[str | int, ...] = ()):
    if prefix:
        yield prefix
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        yield from _every_path(value, (*prefix, key))


@pytest.mark.parametrize(
    ("kind", "relative"),
    [
        ("region", "region.yml"),
        ("pathway", "pathways/dementia.yml"),
        ("provider", "providers/good-provider.yml"),
    ],
)
def test_a_wrong_type_in_any_field_is_a_message_never_a_traceback(
    tmp_path: Path, kind: str, relative: str
) -> None:
    """Every field (and list item) of a region, pathway and provider file in turn holds
    a list, a set of fields, numbers, true, nothing and text. The validator must answer
    each with messages, and whatever it passes must build the directory."""
    from creative_health.content import load_directory

    project = make_project(tmp_path)
    target = project.content / relative
    good = load_file(target)[0].data
    changed = 0
    for path in list(_every_path(good)):
        for wrong in WRONG_TYPES:
            data = copy.deepcopy(good)
            node = data
            for part in path[:-1]:
                node = node[part]
            if node[path[-1]] == wrong:
                continue
            node[path[-1]] = wrong
            target.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
            result = validate(project, today=TODAY)
            assert all(p.message for p in result.problems), (path, wrong)
            if result.ok:
                assert load_directory(project, today=TODAY).directory is not None, (path, wrong)
            changed += 1
    assert changed > 100
