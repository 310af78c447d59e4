"""The search's words are made the same way in Python (the indexed text) and in the
browser (what is typed): docs/assets/finder/text.js, run under Node with the rules the
build writes (finder/v1/text.json), must give Python's ``normalise`` and ``words``
exactly. And the Node unit tests of the finder's pure modules (tests/js/) pass."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest
from conftest import ROOT

from creative_health.site.finder_data import STOPWORDS, finder_files, normalise, text_rules, words

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

TRICKY = [
    "Café Crème brûlée",  # accents, precomposed
    "Cafe\u0301 cre\u0300me",  # accents as combining marks
    "naïve coöperation façade",
    "ﬁne ﬂour ﬀ ﬃ Œuvre œuf Æsop",  # ligatures
    "O'Brien O\u2019Neill d'Arcy rock 'n' roll",  # apostrophes, straight and curly
    "well-being co-operative e-mail —dash– ‐hyphen",  # hyphens and dashes
    "Llŷr Siân Dafydd ap Gwŷn Ŵyn Ffŵrnais Cwm Rhondda",  # Welsh
    "Seán Ó Briain Máire Ní Bhriain Órla Mac Giolla Phádraig",  # Irish
    "İstanbul ılık ISPARTA ıi İI",  # Turkish dotted and dotless i
    "Straße STRASSE ẞ groß",  # German sharp s
    "ΟΔΟΣ οδός ΣΊΣΥΦΟΣ",  # Greek, final sigma
    "ᾳ ᾼ ῼ ͅ",  # Greek iota subscript
    "Ꭰꭰ ᏸᏰ Cherokee ᏣᎳᎩ",  # Cherokee folds to its capitals
    "😀 art 🎨 singing 🎤 👩‍👩‍👧 🇬🇧",  # emoji, ZWJ sequence, flag
    "日本語 カタカナ ｶﾀｶﾅ 한국어 中文 ㈱ ㍿",  # CJK, half-width kana, compatibility
    "ＦＵＬＬＷＩＤＴＨ ｌｅｔｔｅｒｓ １２３",  # fullwidth forms
    "𝐁𝐨𝐥𝐝 𝔣𝔯𝔞𝔨𝔱𝔲𝔯 ① ⑳ ² ½ ™ №",  # maths letters, circled, super/fractions
    "Ångström Øresund Łódź Đakovo Þór ðe",  # letters with no decomposition (ø, ł, đ, þ)
    "vi\u1ec7t nam Tiếng Việt",  # stacked marks
    "a\u20dd b\u1dc0c e\ufe20f \u0591hebrew",  # marks outside the Latin block
    "The art of the arts: for you and your group",  # stop words
    "x y z 1 22 a1 B2-c3",  # short words and digits
    "",
    "   \t\n",
    "\u00a0non\u2011breaking\u200bzero\u200dwidth\ufeffbom",
]

RUN_JS = """
import { textRules } from "./docs/assets/finder/text.js";
let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const { rules, strings, sweep } = JSON.parse(input);
const text = textRules(rules);
const out = { strings: strings.map((s) => [text.normalise(s), text.queryWords(s)]) };
if (sweep) {
  out.sweep = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) { out.sweep.push(null); continue; }
    out.sweep.push(text.normalise("A" + String.fromCodePoint(cp) + "z"));
  }
}
process.stdout.write(JSON.stringify(out));
"""


def run_js(strings: list[str], *, sweep: bool = False) -> dict:
    request = {"rules": text_rules(), "strings": strings, "sweep": sweep}
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", RUN_JS],
        cwd=ROOT,
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_javascript_normalises_tricky_text_as_python_does() -> None:
    results = run_js(TRICKY)["strings"]
    for text, (js_normalised, js_words) in zip(TRICKY, results, strict=True):
        assert js_normalised == normalise(text), text
        assert set(js_words) == words(text), text
    # The cases above do test something: folding, marks, apostrophes and stop words.
    assert words("Straße O\u2019Brien Siân İstanbul ﬁne") == {
        "strasse",
        "obrien",
        "sian",
        "istanbul",
        "fine",
    }
    assert words("The art of the arts") == {"art", "arts"}


def test_javascript_normalises_every_character_as_python_does() -> None:
    """Each assigned character (in Python's Unicode version) between two letters."""
    sweep = run_js([], sweep=True)["sweep"]
    wrong = []
    for cp, js in enumerate(sweep):
        if js is None or unicodedata.category(chr(cp)) == "Cn":
            continue
        expected = normalise(f"A{chr(cp)}z")
        if js != expected:
            wrong.append(f"U+{cp:04X} {unicodedata.name(chr(cp), '?')}: {js!r} != {expected!r}")
    assert wrong == [], f"{len(wrong)} characters differ, such as:\n" + "\n".join(wrong[:20])


def test_the_build_writes_the_rules_the_script_reads(sample) -> None:
    files = finder_files(sample)
    assert json.loads(files["finder/v1/text.json"]) == json.loads(json.dumps(text_rules()))
    assert text_rules()["stopwords"] == sorted(STOPWORDS)
    index = json.loads(files["finder/v1/index.json"])
    assert index["columns"] == [f["name"] for f in index["facets"]] + [
        "held",
        "age_min",
        "age_max",
        "flags",
    ]
    assert {len(item) for item in index["items"]} == {len(index["columns"])}


def test_node_unit_tests() -> None:
    """tests/js/*.test.mjs: state <-> address, matching, counts (node --test)."""
    done = subprocess.run(
        [NODE, "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout
    assert "# pass 0" not in done.stdout
