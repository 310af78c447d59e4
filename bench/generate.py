#!/usr/bin/env python3
"""Write a synthetic Creative Health Directory project for benchmarks.

    python bench/generate.py N OUT_DIR [--seed S] [--single-invalid] [--source DIR]

OUT_DIR receives a copy of the real project's mkdocs.yml, hooks/, overrides/, docs/,
schema/, content/region.yml and content/pathways/, plus N synthetic provider files in
OUT_DIR/content/providers/. The providers are valid for CREATIVE_HEALTH_TODAY=2026-11-25
and sized like real entries (1-4 activities, about 2 on average; summaries 100-200
characters; descriptions 300-1500 characters of Markdown). Boroughs, pathways and every
vocabulary are drawn from shuffled decks, so all terms are used about equally.
The output is a function of (N, seed) only.

--single-invalid misspells one pathway in exactly one provider file, so validation and
the build must fail closed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

TODAY = date(2026, 11, 25)
HEADER = "# yaml-language-server: $schema=../../schema/provider.schema.json\n"
NOTE = "# DEMONSTRATION DATA: a synthetic provider written by bench/generate.py.\n"
COPIED = ("hooks", "overrides", "docs", "schema")
DEFAULT_SOURCE = Path(__file__).resolve().parent.parent

# -- text pools --------------------------------------------------------------------------

PLACES = [
    "Peckham",
    "Camberwell",
    "Brixton",
    "Stockwell",
    "Vauxhall",
    "Kennington",
    "Walworth",
    "Bermondsey",
    "Rotherhithe",
    "Deptford",
    "New Cross",
    "Brockley",
    "Catford",
    "Lewisham",
    "Sydenham",
    "Forest Hill",
    "Hither Green",
    "Lee",
    "Blackheath",
    "Greenwich",
    "Charlton",
    "Woolwich",
    "Eltham",
    "Plumstead",
    "Thamesmead",
    "Abbey Wood",
    "Erith",
    "Bexleyheath",
    "Welling",
    "Sidcup",
    "Crayford",
    "Bromley",
    "Beckenham",
    "Penge",
    "Orpington",
    "Chislehurst",
    "Hayes",
    "Norwood",
    "Herne Hill",
    "Dulwich",
    "Nunhead",
    "Streatham",
    "Clapham",
    "Tulse Hill",
]
ADJECTIVES = [
    "Open",
    "Bright",
    "Riverside",
    "Willow",
    "Harbour",
    "Lantern",
    "Hillside",
    "Kestrel",
    "Meadow",
    "Orchard",
    "Compass",
    "Beacon",
    "Heron",
    "Larkspur",
    "Wayfarer",
    "Cedar",
    "Hearth",
    "Tidewater",
    "Garden",
    "Northfield",
    "Sunrise",
    "Foxglove",
    "Marigold",
    "Anchor",
]
NOUNS = {
    "singing": ["Singers", "Choir", "Voices", "Song Circle"],
    "music": ["Music Collective", "Strummers", "Band", "Sound Project"],
    "dance": ["Dance Company", "Movers", "Dance Project", "Tea Dance"],
    "theatre": ["Theatre Company", "Players", "Drama Group", "Stage Project"],
    "visual-art": ["Art Studio", "Arts Circle", "Painters", "Art Club"],
    "printmaking": ["Print Collective", "Print Studio", "Printworks", "Press"],
    "craft": ["Stitch Circle", "Craft Club", "Makers", "Clay Works"],
    "creative-writing": ["Writers", "Writing Room", "Poetry Pantry", "Story Club"],
    "reading": ["Readers", "Reading Circle", "Book Club", "Shared Reading"],
    "film-photography": ["Film Club", "Camera Club", "Photo Project", "Lens Collective"],
    "museum-heritage": ["Heritage Trust", "Museum Friends", "History Project", "Archive Club"],
    "circus": ["Circus School", "Circus Project", "Juggling Club", "Big Top Collective"],
    "nature-arts": ["Garden Arts", "Nature Makers", "Green Studio", "Wild Arts"],
    "digital-arts": ["Digital Studio", "Media Lab", "Animation Club", "Code Arts"],
    "combined-arts": ["Arts Centre", "Arts Network", "Creative Hub", "Arts Project"],
}
FIRST = [
    "Sam",
    "Amara",
    "Brenda",
    "Hana",
    "Lorraine",
    "Tomasz",
    "Priya",
    "Kwame",
    "Grace",
    "Ade",
    "Maya",
    "Rosa",
    "Femi",
    "Aisha",
    "Joel",
    "Niamh",
    "Chen",
    "Olu",
    "Ruth",
    "Dev",
    "Ines",
]
LAST = [
    "Taylor",
    "Okafor",
    "Oyelaran",
    "Morgan",
    "Ekwueme",
    "Nowak",
    "Shah",
    "Mensah",
    "Clarke",
    "Adeyemi",
    "Patel",
    "Silva",
    "Bello",
    "Hussain",
    "Reid",
    "Byrne",
    "Wong",
    "Ade",
    "Cohen",
]
ROLES = [
    "Programme lead",
    "Group secretary",
    "Director",
    "Artist",
    "Volunteer coordinator",
    "Community manager",
    "Session leader",
    "Chair",
]
STREETS = [
    "Example Road",
    "Tappers Lane",
    "Sextant Lane",
    "Ordnance Row",
    "Canal Walk",
    "Mill Street",
    "Orchard Place",
    "Station Approach",
    "Church Hill",
    "Park Terrace",
    "Market Yard",
]
VENUE_KINDS = [
    "Community Hall",
    "Library",
    "Church Hall",
    "Community Centre",
    "Arts Centre",
    "Studios",
    "Health Centre",
    "Museum Learning Room",
    "Garden Room",
    "Youth Centre",
]
POSTCODE_AREAS = {
    "bexley": ["DA5", "DA6", "DA7", "DA8", "DA14", "DA15", "DA16"],
    "bromley": ["BR1", "BR2", "BR3", "BR6", "BR7", "SE20"],
    "greenwich": ["SE3", "SE7", "SE9", "SE10", "SE18", "SE28"],
    "lambeth": ["SE11", "SE24", "SE27", "SW2", "SW4", "SW8", "SW9"],
    "lewisham": ["SE4", "SE6", "SE8", "SE12", "SE13", "SE14", "SE23", "SE26"],
    "southwark": ["SE1", "SE5", "SE15", "SE16", "SE17", "SE21", "SE22"],
}
CENTRES = {
    "bexley": (51.455, 0.145),
    "bromley": (51.390, 0.020),
    "greenwich": (51.480, 0.040),
    "lambeth": (51.460, -0.120),
    "lewisham": (51.450, -0.020),
    "southwark": (51.470, -0.080),
}
PLATFORMS = ["Zoom", "Microsoft Teams", "Google Meet", "Jitsi"]
OPENERS = [
    "We started in {year} when a few people finishing a course at the {place} health centre "
    "wanted to keep meeting.",
    "Our sessions are led by artists with years of experience of working with people "
    "living with long-term health conditions.",
    "{name} is a small group run by volunteers and one paid artist, and we rely on "
    "donations, small grants and the goodwill of our members.",
    "Everything we do is planned with advice from local health professionals and, most "
    "importantly, from the people who come along.",
    "We have been meeting in {place} for {years} years, and many of our members first came "
    "along after a suggestion from their link worker.",
]
MIDDLES = [
    "Nobody needs any experience and there is no audition. You can join in as much or as "
    "little as you like, and it is fine to just watch for the first few weeks.",
    "Sessions are relaxed and friendly. We always leave time for *tea and a chat* at the end, "
    "which for many people is the most important part.",
    "We work at everyone's own pace. Chairs are available for anyone who needs to sit, and "
    "materials are provided, so there is nothing to buy.",
    "People tell us the sessions help them feel **less alone**, more confident and more in "
    "control of their health.",
    "Carers and family members are welcome to come too, either to take part or to sit with "
    "the person they support.",
    "Our artists are trained in safeguarding and mental health first aid, and work closely "
    "with local social prescribing teams.",
    "We plan each term's sessions with the group, so the songs, projects and themes change "
    "with what people want to try next.",
]
LIST_ITEMS = [
    "comfortable clothes and shoes",
    "a bottle of water",
    "your glasses, if you use them for reading",
    "any medication you might need during the session",
    "a friend or carer, if you would like support",
    "nothing else: we provide all the materials",
]
CLOSERS = [
    "If you would like to know more, read about us on [our website](https://example.org/{slug}).",
    "You can find photos and news from past sessions on "
    "[our website](https://example.org/{slug}/news).",
    "Link workers are welcome to visit a session before referring anyone: just let us know.",
    "If anything would make it easier for you to join in, tell us and we will do our best.",
]
SUMMARY_TEMPLATES = [
    "{What} in {place} for {who}, led by experienced artists. No experience needed and "
    "everyone is welcome.",
    "A friendly {what} group for {who}, meeting in {place}. Tea and a chat afterwards.",
    "Relaxed {what} sessions for {who} that help with {need}. Run by a small local team.",
    "{What} for {who} in {place}, designed with local health professionals to support "
    "people with {need}.",
]
HOW_TEMPLATES = [
    "Call or email us, or just turn up. Link workers and GPs can email us to let us know "
    "someone is coming.",
    "Email us with your name and phone number and we will call you back to arrange a first visit.",
    "Health professionals can email the referral form to us. People can also refer "
    "themselves by phone.",
    "Book a place online or ask your link worker to contact us on your behalf.",
]
NEEDS = [
    "stress and low mood",
    "loneliness",
    "long-term conditions",
    "memory loss",
    "recovery after illness",
    "confidence and wellbeing",
]


# -- decks: even use of every term -------------------------------------------------------


class Deck:
    """Draws terms from a shuffled deck that is refilled when empty, so over many draws
    every term is used about equally often, deterministically for a given rng."""

    def __init__(self, rng: random.Random, terms: list[str]) -> None:
        self.rng = rng
        self.terms = list(terms)
        self.cards: list[str] = []

    def one(self) -> str:
        if not self.cards:
            self.cards = self.terms[:]
            self.rng.shuffle(self.cards)
        return self.cards.pop()

    def some(self, k: int) -> list[str]:
        k = min(k, len(self.terms))
        out: list[str] = []
        while len(out) < k:
            card = self.one()
            if card not in out:
                out.append(card)
            else:
                self.cards.insert(0, card)  # keep it for later, stay even
                if len(self.cards) <= k:
                    self.cards = self.terms[:]
                    self.rng.shuffle(self.cards)
        return out


# -- project copy ------------------------------------------------------------------------


def _vocab(schema_dir: Path) -> dict[str, list[str]]:
    defs = json.loads((schema_dir / "vocabularies.schema.json").read_text("utf-8"))["$defs"]
    out = {}
    for name, node in defs.items():
        if "oneOf" in node:
            out[name] = [term["const"] for term in node["oneOf"]]
        elif "enum" in node:
            out[name] = list(node["enum"])
    return out


def _mkdocs_yml(text: str, out_dir: Path) -> str:
    """The real mkdocs.yml, minus `watch` entries that do not exist in the copy
    (such as src/creative_health): MkDocs refuses a config with a missing watch path."""
    lines, in_watch = [], False
    for line in text.splitlines(keepends=True):
        if re.match(r"^watch:\s*$", line):
            in_watch = True
        elif in_watch and not line.startswith((" ", "\t")) and line.strip():
            in_watch = False
        item = re.match(r"^\s+-\s+(\S+)\s*$", line) if in_watch else None
        if item and not (out_dir / item.group(1)).exists():
            continue
        lines.append(line)
    return "".join(lines)


def copy_project(source: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        target = out_dir / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source / name, target, ignore=shutil.ignore_patterns("__pycache__"))
    content = out_dir / "content"
    for sub in ("pathways", "providers"):
        if (content / sub).exists():
            shutil.rmtree(content / sub)
    content.mkdir(exist_ok=True)
    shutil.copy2(source / "content" / "region.yml", content / "region.yml")
    shutil.copytree(source / "content" / "pathways", content / "pathways")
    (content / "providers").mkdir()
    (out_dir / "mkdocs.yml").write_text(
        _mkdocs_yml((source / "mkdocs.yml").read_text("utf-8"), out_dir), "utf-8"
    )


# -- providers ---------------------------------------------------------------------------


class Generator:
    def __init__(self, rng: random.Random, vocab: dict[str, list[str]], region: dict, pathways):
        self.rng = rng
        self.boroughs = [b["slug"] for b in region["boroughs"]]
        # Venues sit around their postcode district's centre, from the region file: spread
        # over each borough as real venues are, with a postcode that matches the place.
        self.district_centres = {
            d["code"]: (d["lat"], d["lng"]) for d in region.get("postcode_districts", ())
        }
        self.pathway_names = pathways
        d = lambda name: Deck(rng, vocab[name])  # noqa: E731
        self.deck = {
            "borough": Deck(rng, self.boroughs),
            "pathway": Deck(rng, sorted(pathways)),
            "art_form": d("art_form"),
            "audience": d("audience"),
            "referral_route": d("referral_route"),
            "accessibility": Deck(
                rng, [a for a in vocab["accessibility"] if a != "online-captions"]
            ),
            "format": Deck(rng, ["in-person"] * 3 + ["online", "hybrid"]),
            "cost_type": d("cost_type"),
            "cost_period": d("cost_period"),
            "evidence_type": d("evidence_type"),
            "measure": d("measure"),
            "provider_kind": d("provider_kind"),
            "legal_status": d("legal_status"),
            "capacity_status": d("capacity_status"),
            "day": d("day"),
            "frequency": d("frequency"),
            "language": Deck(rng, [x for x in vocab["language"] if x != "en"]),
            "phone": Deck(rng, [f"020 7946 {n:04d}" for n in range(1000)]),
        }
        self.names: set[str] = set()

    # helpers
    def pick(self, pool: list[str]) -> str:
        return self.rng.choice(pool)

    def sized(self, parts: list[str], low: int, high: int) -> str:
        """Join sentences until the text is between low and high characters."""
        text = ""
        for part in parts:
            if len(text) + len(part) + 1 > high:
                break
            text = f"{text} {part}".strip()
        while len(text) < low:
            text = f"{text} Everyone is welcome."
        return text[:high]

    def description(self, name: str, slug: str, place: str) -> str:
        rng = self.rng
        target = rng.randint(300, 1500)
        fill = {"name": name, "slug": slug, "place": place, "year": rng.randint(1995, 2024)}
        fill["years"] = rng.randint(2, 25)
        paragraphs = [self.pick(OPENERS).format(**fill)]
        middles = rng.sample(MIDDLES, len(MIDDLES))
        with_list = rng.random() < 0.3
        with_link = rng.random() < 0.4
        tail = []
        if with_list:
            items = rng.sample(LIST_ITEMS, rng.randint(2, 4))
            tail.append("Please bring:\n\n" + "\n".join(f"- {item}" for item in items))
        if with_link:
            tail.append(self.pick(CLOSERS).format(**fill))
        size = lambda: len("\n\n".join(paragraphs + tail))  # noqa: E731
        for sentence in middles:
            if size() >= 300 and size() + len(sentence) + 2 > target:
                break
            if size() + len(sentence) + 2 > 1500:
                break
            if rng.random() < 0.5 and len(paragraphs) > 1:
                paragraphs[-1] += " " + sentence
            else:
                paragraphs.append(sentence)
        return _wrap("\n\n".join(paragraphs + tail)).rstrip() + "\n"

    def summary(self, what: str, place: str) -> str:
        who = self.pick(["adults", "older people", "carers", "young people", "new parents"])
        text = self.pick(SUMMARY_TEMPLATES).format(
            What=what.capitalize(), what=what, place=place, who=who, need=self.pick(NEEDS)
        )
        return self.sized([text, "Free taster sessions are available."], 100, 200)

    def last_reviewed(self) -> str:
        rng = self.rng
        stale = rng.random() < 0.03  # stale but not expired: 13 to 20 months old
        days = rng.randint(13 * 31, 20 * 30) if stale else rng.randint(0, 11 * 30)
        return (TODAY - timedelta(days=days)).isoformat()

    def venue(self, borough: str, place: str) -> dict[str, Any]:
        rng = self.rng
        area = self.pick(POSTCODE_AREAS.get(borough, ["SE15"]))
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        postcode = f"{area} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        lat, lng = self.district_centres.get(area) or CENTRES.get(borough, (51.45, -0.05))
        venue: dict[str, Any] = {
            "name": f"{place} {self.pick(VENUE_KINDS)}",
            "address": f"{rng.randint(1, 180)} {self.pick(STREETS)}, {place}, London",
            "postcode": postcode,
            "borough": borough,
            "location": {
                # within about 0.8 miles of the district's centre
                "lat": round(lat + rng.uniform(-0.01, 0.01), 4),
                "lng": round(lng + rng.uniform(-0.015, 0.015), 4),
            },
            "accessibility": self.deck["accessibility"].some(rng.randint(2, 5)),
        }
        if rng.random() < 0.5:
            venue["access_notes"] = self.pick(
                [
                    "Ramp at the side entrance.",
                    "Lift to the first floor. Chairs with arms are available.",
                    "Two disabled parking bays next to the entrance.",
                    "Buggy parking in the entrance hall.",
                ]
            )
        return venue

    def sessions(self) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for day in self.deck["day"].some(rng.choice([1, 1, 1, 2, 2, 3])):
            start = rng.randint(9 * 4, 19 * 4) * 15
            length = rng.choice([45, 60, 90, 120])
            session: dict[str, Any] = {
                "day": day,
                "start": f"{start // 60:02d}:{start % 60:02d}",
                "end": f"{(start + length) // 60:02d}:{(start + length) % 60:02d}",
            }
            frequency = self.deck["frequency"].one()
            if frequency != "weekly" or rng.random() < 0.3:
                session["frequency"] = frequency
            if frequency == "monthly":
                session["week_of_month"] = rng.choice([1, 2, 3, 4, -1])
            if rng.random() < 0.2:
                session["term_time_only"] = True
            if rng.random() < 0.15:
                session["notes"] = "Doors open fifteen minutes early for tea."
            out.append(session)
        return out

    def activity(self, index: int, served: list[str], place: str, slug: str) -> dict[str, Any]:
        rng = self.rng
        art_forms = self.deck["art_form"].some(rng.choice([1, 1, 2]))
        what = art_forms[0].replace("-", " ")
        fmt = self.deck["format"].one()
        base = self.pick(ADJECTIVES) + " " + NOUNS[art_forms[0]][index % 4]
        activity: dict[str, Any] = {
            "id": f"{re.sub(r'[^a-z0-9]+', '-', base.lower()).strip('-')}-{index + 1}",
            "name": base if fmt != "online" else f"{base} Online",
            "summary": self.summary(what, place),
        }
        if rng.random() < 0.7:
            activity["description"] = self.description(activity["name"], slug, place)
        activity["pathways"] = self.deck["pathway"].some(rng.choice([1, 1, 2, 2, 3]))
        activity["art_forms"] = art_forms
        activity["audiences"] = self.deck["audience"].some(rng.choice([1, 2, 2, 3]))
        if rng.random() < 0.6:
            low = rng.choice([16, 18, 18, 50, 60])
            activity["age"] = {"min": low} if rng.random() < 0.7 else {"min": low, "max": 99}
        activity["format"] = fmt
        if fmt in ("online", "hybrid"):
            activity["online"] = {
                "platform": self.pick(PLATFORMS),
                "notes": "We email the link the evening before. A volunteer can help you "
                "get set up on the phone before your first session.",
            }
        referral: dict[str, Any] = {
            "routes": self.deck["referral_route"].some(rng.choice([1, 2, 3, 4])),
            "how": self.pick(HOW_TEMPLATES),
        }
        if rng.random() < 0.6:
            referral["email"] = f"referrals+{slug}@example.org"
        if rng.random() < 0.3:
            referral["phone"] = self.deck["phone"].one()
        if rng.random() < 0.2:
            referral["url"] = f"https://example.org/{slug}/refer"
        activity["referral"] = referral
        cost: dict[str, Any] = {"type": self.deck["cost_type"].one()}
        if cost["type"] == "paid":
            cost["amount_gbp"] = rng.choice([2, 3, 4.5, 5, 7, 10, 40, 60])
            cost["per"] = self.deck["cost_period"].one()
        if cost["type"] != "free" and rng.random() < 0.5:
            cost["concessions"] = "Free places for anyone referred by a link worker."
        activity["cost"] = cost
        capacity: dict[str, Any] = {"status": self.deck["capacity_status"].one()}
        if rng.random() < 0.7:
            capacity["places"] = rng.randint(6, 40)
        activity["capacity"] = capacity
        activity["sessions"] = self.sessions()
        if fmt in ("in-person", "hybrid"):
            activity["venue"] = self.venue(rng.choice(served), place)
        if rng.random() < 0.1:
            activity["languages"] = ["en", *self.deck["language"].some(rng.randint(1, 2))]
        return activity

    def provider(self, number: int) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        place = self.pick(PLACES)
        art = self.deck["art_form"].one()
        name = f"{place} {self.pick(ADJECTIVES)} {self.pick(NOUNS[art])}"
        while name in self.names:
            name = f"{name} {rng.randint(2, 99)}"
        self.names.add(name)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        first, last = self.pick(FIRST), self.pick(LAST)
        kind = self.deck["provider_kind"].one()
        legal = self.deck["legal_status"].one()
        data: dict[str, Any] = {
            "slug": slug,
            "name": name,
            "kind": kind,
            "legal_status": legal,
        }
        if legal in ("charity", "cio"):
            data["charity_number"] = str(rng.randint(1_000_000, 1_209_999))
        if legal in ("cic", "company"):
            data["company_number"] = f"{rng.randint(1, 15_999_999):08d}"
        data["summary"] = self.summary(art.replace("-", " "), place)
        data["description"] = self.description(name, slug, place)
        data["website"] = f"https://example.org/{slug}"
        contact: dict[str, Any] = {"name": f"{first} {last}"}
        if rng.random() < 0.8:
            contact["role"] = self.pick(ROLES)
        channels = rng.choice(["email", "phone", "both", "both"])
        if channels in ("email", "both"):
            contact["email"] = f"{first.lower()}.{last.lower()}@example.org"
        if channels in ("phone", "both"):
            contact["phone"] = self.deck["phone"].one()
        data["contact"] = contact
        if rng.random() < 0.08:
            data["serves_whole_region"] = True
            served = list(self.boroughs)
        else:
            served = self.deck["borough"].some(rng.choice([1, 1, 2, 2, 3]))
            data["boroughs"] = served
        data["safeguarding"] = {
            "policy": True,
            "dbs_checked_staff": rng.random() < 0.8,
            "public_liability_insurance": rng.random() < 0.9,
            "mental_health_first_aid": rng.random() < 0.5,
        }
        if rng.random() < 0.4:
            data["evidence"] = [
                {
                    "type": self.deck["evidence_type"].one(),
                    "title": f"{name} evaluation {year}",
                    "year": year,
                    "measures": self.deck["measure"].some(rng.randint(1, 2)),
                    "url": f"https://example.org/{slug}/evaluation-{year}",
                    "headline": "Most participants reported feeling better and less isolated "
                    "after twelve weeks.",
                }
                for year in sorted(rng.sample(range(2018, 2027), rng.randint(1, 2)))
            ]
        data["status"] = "active" if rng.random() < 0.95 else "paused"
        data["last_reviewed"] = self.last_reviewed()
        data["maintainers"] = [f"{first.lower()}-{last.lower()}-{number % 97}"]
        count = rng.choice([1, 1, 1, 2, 2, 2, 3, 4])  # mean 2
        data["activities"] = [self.activity(i, served, place, slug) for i in range(count)]
        return slug, data


def _wrap(text: str, width: int = 88) -> str:
    """Wrap prose paragraphs like a person would; list items stay on their own lines."""
    out = []
    for block in text.split("\n\n"):
        if block.lstrip().startswith("- ") or "\n- " in block:
            out.append(block)
            continue
        line, lines = "", []
        for word in block.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out)


# -- writing -----------------------------------------------------------------------------


def _block_strings(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Descriptions as literal blocks; times, dates, numbers and phones in double quotes,
    as the real provider files write them."""
    style = "|" if "\n" in value else ('"' if value[:1].isdigit() else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


yaml.SafeDumper.add_representer(str, _block_strings)
yaml.SafeDumper.ignore_aliases = lambda self, data: True  # the loader refuses aliases


def dump(data: dict[str, Any]) -> str:
    return (
        HEADER
        + NOTE
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, indent=2)
    )


def misspell(word: str, valid: set[str]) -> str:
    """Drop one letter from the middle of the word, as a typo would."""
    for i in range(len(word) // 2, len(word) - 1):
        candidate = word[:i] + word[i + 1 :]
        if candidate not in valid and word[i].isalpha():
            return candidate
    return word + "x"


def generate(n: int, out_dir: Path, seed: int, single_invalid: bool, source: Path) -> list[Path]:
    copy_project(source, out_dir)
    schema_dir = out_dir / "schema"
    region = yaml.safe_load((out_dir / "content" / "region.yml").read_text("utf-8"))
    pathways = {}
    for path in sorted((out_dir / "content" / "pathways").glob("*.yml")):
        doc = yaml.safe_load(path.read_text("utf-8"))
        pathways[doc["slug"]] = doc["name"]
    gen = Generator(random.Random(seed), _vocab(schema_dir), region, pathways)
    providers = [gen.provider(i) for i in range(n)]
    if single_invalid and providers:
        slug, data = providers[len(providers) // 2]
        activity = data["activities"][0]
        activity["pathways"][0] = misspell(activity["pathways"][0], set(pathways))
    written = []
    folder = out_dir / "content" / "providers"
    for slug, data in providers:
        path = folder / f"{slug}.yml"
        path.write_text(dump(data), "utf-8")
        written.append(path)
    return written


def corpus_stats(providers_dir: Path) -> dict[str, Any]:
    """Sizes of a generated (or real) provider folder, to show the corpus is realistic."""
    files = sorted(providers_dir.glob("*.yml"))
    activities, summaries, descriptions, sessions = [], [], [], []
    for path in files:
        data = yaml.safe_load(path.read_text("utf-8"))
        activities.append(len(data["activities"]))
        summaries.append(len(data["summary"]))
        descriptions += [len(data["description"])] if "description" in data else []
        for activity in data["activities"]:
            summaries.append(len(activity["summary"]))
            if "description" in activity:
                descriptions.append(len(activity["description"]))
            sessions.append(len(activity.get("sessions", ())))
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {
        "providers": len(files),
        "activities": sum(activities),
        "activities_per_provider": mean(activities),
        "summary_chars": (min(summaries, default=0), max(summaries, default=0)),
        "description_chars": (min(descriptions, default=0), max(descriptions, default=0)),
        "sessions_per_activity": mean(sessions),
        "bytes_per_file": mean([p.stat().st_size for p in files]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of providers")
    parser.add_argument("out_dir", type=Path, help="project folder to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--single-invalid",
        action="store_true",
        help="misspell one pathway in exactly one provider file",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"the real project to copy config and pathways from (default {DEFAULT_SOURCE})",
    )
    args = parser.parse_args(argv)
    if args.out_dir.resolve() == args.source.resolve():
        parser.error("OUT_DIR must not be the source project")
    files = generate(args.n, args.out_dir, args.seed, args.single_invalid, args.source)
    print(f"Wrote {len(files)} providers to {args.out_dir / 'content' / 'providers'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
