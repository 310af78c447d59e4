"""Writing the provider file made from a form: every string quoted by the YAML emitter."""

from __future__ import annotations

from typing import Any

import yaml


class _Text(str):
    """A string value (not a key): always written quoted, or as a literal block."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent lists under their key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


_Dumper.add_representer(_Text, _text)


def _quoted(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _quoted(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_quoted(value) for value in node]
    return _Text(node) if isinstance(node, str) else node


FILE_HEADER = (
    "# yaml-language-server: $schema=../../schema/provider.schema.json\n"
    "# Made from an 'Add my organisation or activity' issue by `creative-health from-issue`.\n"
)


def provider_yaml(data: dict[str, Any]) -> str:
    """The provider file's text. Every string is written by the YAML emitter, quoted."""
    return FILE_HEADER + yaml.dump(
        _quoted(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
