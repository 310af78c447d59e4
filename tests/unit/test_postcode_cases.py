"""The postcode and distance cases the browser's near.js is tested against
(tests/fixtures/postcodes.json, read by tests/js/near.test.mjs too), run through
places.py, so the finder and the build read a typed place and measure a distance alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import FIXTURES

from creative_health.places import distance_miles, normalise_postcode

CASES: dict[str, Any] = json.loads((FIXTURES / "postcodes.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["why"])
def test_postcode_case(case: dict[str, Any]) -> None:
    assert normalise_postcode(case["typed"]) == case["outward"]


@pytest.mark.parametrize("case", CASES["distances"], ids=lambda c: c["why"])
def test_distance_case(case: dict[str, Any]) -> None:
    miles = distance_miles(*case["from"], *case["to"])
    assert abs(miles - case["miles"]) <= case["tolerance"]
