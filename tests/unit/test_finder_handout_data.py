"""The shortlist handout's data file: each activity keeps its own page address and,
separately, the provider's referral form (the two used to share one key)."""

from __future__ import annotations

import json

from creative_health import urls
from creative_health.model import Directory
from creative_health.site.finder_data import finder_files


def handouts(sample: Directory) -> dict[str, dict]:
    files = finder_files(sample)
    return {
        p.slug: json.loads(files[f"finder/v1/providers/{p.slug}.json"]) for p in sample.providers
    }


def test_referral_form_is_kept_apart_from_the_activity_page(sample: Directory) -> None:
    records = handouts(sample)
    with_form = [(p, a) for p, a in sample.activities if a.referral.url]
    assert with_form, "the sample must have an activity with a referral form"
    for provider, activity in with_form:
        record = records[provider.slug]["activities"][activity.id]
        assert record["url"] == urls.activity_url(activity)
        assert record["referral_url"] == activity.referral.url
        assert record["url"] != record["referral_url"]


def test_every_activity_links_to_its_own_page(sample: Directory) -> None:
    records = handouts(sample)
    for provider, activity in sample.activities:
        record = records[provider.slug]["activities"][activity.id]
        assert record["url"] == urls.activity_url(activity), activity.key
        assert record["url"].startswith(f"providers/{provider.slug}/#")
        if not activity.referral.url:
            assert "referral_url" not in record, activity.key
