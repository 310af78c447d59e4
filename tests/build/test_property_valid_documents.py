"""Property: any provider document that passes validation builds, exports and renders.

Documents are drawn by hypothesis-jsonschema from the provider schema as the validator
compiles it (vocabulary ``$ref``s inlined as enums), with a few fields narrowed
programmatically (see ``generation_schema``) so that a useful share of documents pass
the rules beyond the schema: references must name the sample region's boroughs and
pathways, phone numbers, emails and postcodes must be real-looking, and web addresses
must name a public host, none of which a random string does. Everything else, text
of any Unicode, numbers at and past their limits, every vocabulary term and every
optional field, is drawn as the schema allows.

Each document is written into a copy of the sample region and pathways (without the
sample providers, which would only slow each example down), validated in-process,
and, when it passes, the whole directory is loaded and every page, the open-data files
of every format, the finder data and the widget feeds are generated: none may raise.
"""

from __future__ import annotations

import copy
import shutil
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from creative_health.content import load_directory
from creative_health.opendata import FORMATS, export_files
from creative_health.project import ProjectPaths
from creative_health.schemas import FIRST_YEAR, LAST_YEAR, compiled_schema
from creative_health.site.finder_data import finder_files
from creative_health.site.pages import SiteSettings, generate_pages
from creative_health.site.widget_feeds import widget_feed_files
from creative_health.validate import validate

SLUG = "generated-provider"
DATES = [f"{FIRST_YEAR}-01-01", "2026-09-01", "2026-12-31", f"{LAST_YEAR}-12-31"]
SITE_URL = "https://directory.example.org/"


def _narrow(node: Any, name: str, choices: dict[str, list[str]]) -> Any:
    """The schema with each text field named in ``choices`` (or a list of them) drawn
    from those values instead of its pattern or format; the rest untouched."""
    if isinstance(node, list):
        return [_narrow(item, name, choices) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: {k: _narrow(v, k, choices) for k, v in value.items()}
        if key == "properties"
        else _narrow(value, name, choices)
        for key, value in node.items()
    }
    if out.get("type") == "string" and name in choices:
        for keyword in ("pattern", "format", "minLength", "maxLength", "examples"):
            out.pop(keyword, None)
        out["enum"] = choices[name]
    return out


def generation_schema(project: ProjectPaths) -> dict[str, Any]:
    region = yaml.safe_load(project.region_file.read_text("utf-8"))
    boroughs = [b["slug"] for b in region["boroughs"]]
    pathways = sorted(p.stem for p in project.pathways.glob("*.yml"))
    choices = {
        "borough": boroughs,
        "boroughs": boroughs,
        "pathways": pathways,
        "phone": ["020 7946 0123", "111", "07700 900123"],
        "email": ["hello@example.org"],
        "postcode": ["SE15 4AB", "NT1 1AA"],
        "maintainers": ["sam-taylor", "alex-doe"],
        "website": ["https://example.org/page"],
        "url": ["https://example.org/page", "http://example.org/a?b=c#d"],
        "starts_on": DATES,
        "ends_on": DATES,
        "last_reviewed": ["2026-10-01"],
        "start": ["00:00", "09:00", "10:30"],
        "end": ["11:00", "23:59"],
    }
    schema = _narrow(copy.deepcopy(compiled_schema(project.schema, "provider")), "", choices)
    _plain_text(schema)
    props = schema["properties"]
    props["slug"] = {"const": SLUG}
    props["evidence"]["items"]["properties"]["year"]["maximum"] = TODAY.year
    # Fewer activities keep each example quick; the limits have their own tests.
    props["activities"]["maxItems"] = 2
    activity = props["activities"]["items"]
    activity["required"] = [*activity["required"], "schedule_notes"]
    activity["properties"]["sessions"]["maxItems"] = 3
    return schema


# Plain text drawn from a few values with the characters that matter to the outputs:
# markup-like punctuation, letters from other scripts, emoji, a line break. Text of any
# Unicode is the richtext property test's subject; here the numbers, dates, terms and
# optional fields are, and random text would fail the character checks nearly always.
TEXTS = [
    "Songs & tea",
    "Zoë's «Ателье» مرسم 🎨",
    "ages <5, 3 > 2 --> [x](https://example.org/)",
    "x" * 5,
]


def _plain_text(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _plain_text(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not {"enum", "pattern", "format", "const"} & set(node):
        low, high = node.get("minLength", 0), node.get("maxLength", 10**6)
        node["enum"] = [text for text in TEXTS if low <= len(text) <= high] or ["ab"]
        for keyword in ("minLength", "maxLength", "examples"):
            node.pop(keyword, None)
    for value in node.values():
        _plain_text(value)


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    root = tmp_path_factory.mktemp("property")
    shutil.copytree(ROOT / "schema", root / "schema")
    # The sample region and pathways; the sample providers are left out, as they would
    # only make each example slower (the build is tested with them elsewhere).
    shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns("*.yml"))
    shutil.copy(ROOT / "content" / "region.yml", root / "content" / "region.yml")
    for pathway in (ROOT / "content" / "pathways").glob("*.yml"):
        shutil.copy(pathway, root / "content" / "pathways" / pathway.name)
    return ProjectPaths(root)


COUNTS = {"drawn": 0, "valid": 0}


def consistent(data: dict[str, Any]) -> dict[str, Any]:
    """The rules across fields, applied to the drawn document: the schema's own (an
    email or a phone; a venue for in-person and hybrid activities; a price for paid
    ones) and the validator's (the area served is the boroughs or the whole region;
    week_of_month is given exactly for monthly sessions)."""
    if not {"email", "phone"} & set(data["contact"]):
        data["contact"]["email"] = "hello@example.org"
    if data.get("serves_whole_region") is True:
        data.pop("boroughs", None)
    else:
        data.pop("serves_whole_region", None)
        data.setdefault("boroughs", [])
        if not data["boroughs"]:
            data["serves_whole_region"] = True
            del data["boroughs"]
    for activity in data.get("activities", []):
        if activity["format"] in {"in-person", "hybrid"} and "venue" not in activity:
            activity["format"] = "online"
        if activity["cost"]["type"] == "paid":
            activity["cost"].setdefault("amount_gbp", 3)
            activity["cost"].setdefault("per", "session")
        for session in activity.get("sessions", []):
            if session.get("frequency") == "monthly":
                session.setdefault("week_of_month", -1)
            else:
                session.pop("week_of_month", None)
    return data


def check_document(project: ProjectPaths, data: dict[str, Any]) -> None:
    data = consistent(data)
    target = project.providers / f"{SLUG}.yml"
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    COUNTS["drawn"] += 1
    if not validate(project, only=[target], today=TODAY).ok:
        return
    COUNTS["valid"] += 1
    loaded = load_directory(project, today=TODAY)
    assert loaded.directory is not None, [p.text() for p in loaded.problems]
    directory = loaded.directory
    assert any(p.slug == SLUG for p in directory.providers)
    pages = generate_pages(directory, SiteSettings(), project.schema)
    assert any(SLUG in page.src for page in pages)
    files = export_files(directory, SITE_URL, FORMATS)
    assert files
    assert finder_files(directory)
    assert widget_feed_files(directory)


def strategy_for(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Objects and lists built here, each leaf (text, number, term) by
    hypothesis-jsonschema. Handing it the whole provider schema works, but it
    re-canonicalises the nested schemas on every draw and takes about 5 s a document;
    built this way a document takes milliseconds. The schema's anyOf and if/then rules
    between fields are left out here and applied by ``consistent`` instead."""
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", ()))
        fields = {key: strategy_for(value) for key, value in schema["properties"].items()}
        return st.fixed_dictionaries(
            {key: fields[key] for key in fields if key in required},
            optional={key: fields[key] for key in fields if key not in required},
        )
    if kind == "array" and isinstance(schema.get("items"), dict):
        items = strategy_for(schema["items"])
        low, high = schema.get("minItems", 0), schema.get("maxItems", 5)
        if schema.get("uniqueItems"):
            return st.lists(items, min_size=low, max_size=high, unique_by=repr)
        return st.lists(items, min_size=low, max_size=high)
    return from_schema(schema)


@pytest.fixture(scope="module")
def strategy(sample_copy: ProjectPaths) -> st.SearchStrategy[dict[str, Any]]:
    return strategy_for(generation_schema(sample_copy))


def test_every_valid_document_builds_exports_and_renders(
    sample_copy: ProjectPaths, strategy: st.SearchStrategy[dict[str, Any]]
) -> None:
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )
    @given(data=strategy)
    def run(data: dict[str, Any]) -> None:
        check_document(sample_copy, data)

    run()
    # A property over documents that never validate would prove nothing.
    assert COUNTS["valid"] >= COUNTS["drawn"] // 10, COUNTS


def test_the_generation_schema_keeps_the_real_schema_s_shape(sample_copy: ProjectPaths) -> None:
    """Narrowing only replaces leaves: every field and vocabulary is still drawn."""
    real = compiled_schema(sample_copy.schema, "provider")
    narrowed = generation_schema(sample_copy)
    assert sorted(real["properties"]) == sorted(narrowed["properties"])
    activity = narrowed["properties"]["activities"]["items"]
    assert sorted(activity["properties"]) == sorted(
        real["properties"]["activities"]["items"]["properties"]
    )
    assert "enum" in activity["properties"]["art_forms"]["items"]
