"""The finder's data for "Near a place": coordinates per activity in list order and the
region's postcode districts, both loaded by the finder only once a place is chosen."""

from __future__ import annotations

import gzip
import json

from creative_health.model import Directory
from creative_health.site import finder_data


def test_coordinates_follow_the_list_order_and_leave_out_online(sample: Directory) -> None:
    files = finder_data.finder_files(sample)
    coords = json.loads(files["finder/v1/coords.json"])
    index = json.loads(files["finder/v1/index.json"])
    order = finder_data.finder_order(sample)
    assert coords["count"] == index["count"] == len(order)
    lat, lng = coords["columns"]["lat"], coords["columns"]["lng"]
    assert len(lat) == len(lng) == len(order)
    located = 0
    for n, (_, activity) in enumerate(order):
        venue = activity.venue
        if venue is None or venue.lat is None or venue.lng is None:
            assert lat[n] is None and lng[n] is None, activity.key
        else:
            located += 1
            assert (lat[n], lng[n]) == (round(venue.lat, 4), round(venue.lng, 4)), activity.key
    online = [a for _, a in order if a.venue is None]
    assert online and located, "the sample has both online and located activities"
    # Not part of the first load: the index carries no coordinates.
    assert "lat" not in index["columns"]


def test_district_table_is_the_regions_and_small(sample: Directory) -> None:
    files = finder_data.finder_files(sample)
    table = json.loads(files["finder/v1/districts.json"])["districts"]
    assert table == {
        d.code: [round(d.lat, 3), round(d.lng, 3)] for d in sample.region.postcode_districts
    }
    assert len(table) > 20
    assert len(gzip.compress(files["finder/v1/districts.json"], 9)) < 10_000
    # The Near box's example is a district the directory knows.
    assert finder_data.near_example(sample) in table
