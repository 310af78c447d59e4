"""bench/generate.py places synthetic venues near their postcode district's centre (from
the region file it copies), so the finder's distance sort is measured on a realistic
spread of venues over the region."""

from __future__ import annotations

import random
import sys

import yaml
from conftest import ROOT

from creative_health.places import distance_miles, normalise_postcode

sys.path.insert(0, str(ROOT / "bench"))
import generate


def test_synthetic_venues_sit_in_their_postcode_district() -> None:
    region = yaml.safe_load((ROOT / "content" / "region.yml").read_text("utf-8"))
    centres = {d["code"]: (d["lat"], d["lng"]) for d in region["postcode_districts"]}
    vocab = generate._vocab(ROOT / "schema")
    gen = generate.Generator(random.Random(3), vocab, region, {"dementia": "Dementia"})
    used = set()
    for borough in generate.POSTCODE_AREAS:
        for _ in range(40):
            venue = gen.venue(borough, "Peckham")
            code = normalise_postcode(venue["postcode"])
            assert code in centres, venue["postcode"]
            used.add(code)
            miles = distance_miles(
                *centres[code], venue["location"]["lat"], venue["location"]["lng"]
            )
            assert miles < 1.0, (venue["postcode"], miles)
    assert len(used) >= 30  # spread over the region's districts, not one point per borough
