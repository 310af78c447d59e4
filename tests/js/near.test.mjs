import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  byDistance, distanceMiles, distances, findPlace, milesText, normalisePostcode, placeProblem,
  readWithin, roundMiles, withinSet,
} from "../../docs/assets/finder/near.js";

// The cases Python's places.normalise_postcode and distance_miles are tested against.
const CASES = JSON.parse(readFileSync(new URL("../fixtures/postcodes.json", import.meta.url), "utf8"));
const DISTRICTS = { SE15: [51.47, -0.065], BR3: [51.407, -0.034], N1: [51.538, -0.097] };

test("postcodes and outward codes read as the Python reads them (shared case table)", () => {
  assert.ok(CASES.cases.length >= 20);
  for (const c of CASES.cases) {
    assert.equal(normalisePostcode(c.typed), c.outward, `${JSON.stringify(c.typed)}: ${c.why}`);
  }
});

test("distances: known great-circle distances (shared case table)", () => {
  for (const c of CASES.distances) {
    const miles = distanceMiles(c.from[0], c.from[1], c.to[0], c.to[1]);
    assert.ok(Math.abs(miles - c.miles) <= c.tolerance, `${c.why}: ${miles}`);
  }
  // Symmetric.
  assert.equal(distanceMiles(51.47, -0.065, 51.407, -0.034), distanceMiles(51.407, -0.034, 51.47, -0.065));
});

test("findPlace: known district, full postcode, unknown district, not a postcode, empty", () => {
  assert.deepEqual(findPlace("se15 4ql", DISTRICTS), { code: "SE15", lat: 51.47, lng: -0.065 });
  assert.deepEqual(findPlace("BR3", DISTRICTS), { code: "BR3", lat: 51.407, lng: -0.034 });
  assert.deepEqual(findPlace("ZZ9 9ZZ", DISTRICTS), { error: "unknown", code: "ZZ9" });
  assert.deepEqual(findPlace("Peckham", DISTRICTS), { error: "format", code: null });
  assert.deepEqual(findPlace("  ", DISTRICTS), { error: "empty", code: null });
  // Not fooled by names every object has.
  assert.equal(findPlace("constructor", DISTRICTS).error, "format");
});

test("the problem message names what was typed and says how to fix it", () => {
  const format = placeProblem(" Peckham ", findPlace("Peckham", DISTRICTS), "SE15");
  assert.match(format, /\u201cPeckham\u201d is not a postcode/);
  assert.match(format, /full postcode, or just its first part, such as SE15\./);
  const unknown = placeProblem("zz9 9zz", findPlace("zz9 9zz", DISTRICTS), "SE15");
  assert.match(unknown, /does not know the postcode area ZZ9 \(you typed \u201czz9 9zz\u201d\)/);
  assert.match(unknown, /covers, such as SE15, or clear the box\./);
});

test("within: only 1, 2 or 5 miles; anything else is any distance", () => {
  assert.equal(readWithin("2"), 2);
  assert.equal(readWithin("5"), 5);
  for (const bad of ["", null, "3", "-1", "two", "2.5", "1e3"]) assert.equal(readWithin(bad), null, String(bad));
});

test("miles as shown: one decimal place, a mile, and the very near", () => {
  assert.equal(milesText(1.23), "1.2 miles");
  assert.equal(milesText(0.96), "1 mile");
  assert.equal(milesText(2.04), "2 miles");
  assert.equal(milesText(0.04), "Under 0.1 miles");
  assert.equal(milesText(12.345), "12.3 miles");
  assert.equal(roundMiles(2.049), 2);
});

// Four activities: 0 and 2 in person with places, 1 online, 3 in person with no place.
const LAT = [51.47, null, 51.407, null];
const LNG = [-0.065, null, -0.034, null];
const ONLINE = new Set([1]);
const isOnline = (n) => ONLINE.has(n);

test("sort: nearest first, then places not known, online apart and never given a distance", () => {
  const fromBr3 = distances(LAT, LNG, { lat: 51.407, lng: -0.034 });
  assert.equal(fromBr3[2], 0);
  assert.ok(Math.abs(fromBr3[0] - distanceMiles(51.407, -0.034, 51.47, -0.065)) < 1e-9);
  assert.ok(Number.isNaN(fromBr3[1]) && Number.isNaN(fromBr3[3]));
  assert.deepEqual(byDistance([0, 1, 2, 3], fromBr3, isOnline), { near: [2, 0], unknown: [3], online: [1] });
  const fromSe15 = distances(LAT, LNG, { lat: 51.47, lng: -0.065 });
  assert.deepEqual(byDistance([0, 1, 2, 3], fromSe15, isOnline).near, [0, 2]);
  // Only the results given are placed.
  assert.deepEqual(byDistance([2, 1], fromSe15, isOnline), { near: [2], unknown: [], online: [1] });
  // Equal distances keep the list order.
  assert.deepEqual(byDistance([2, 0], new Float64Array([1, NaN, 1, NaN]), isOnline).near, [0, 2]);
});

test("within keeps the near ones and every online one, and drops unknown places", () => {
  const miles = new Float64Array([0.5, NaN, 4.96, NaN]);
  assert.equal(withinSet(4, miles, null, isOnline), null);
  assert.deepEqual([...withinSet(4, miles, 1, isOnline)].sort(), [0, 1]);
  assert.deepEqual([...withinSet(4, miles, 5, isOnline)].sort(), [0, 1, 2]);
});

test("embedNear: a list embed's near and within, or a sentence saying why not", async () => {
  const { embedNear } = await import("../../docs/assets/finder/near.js");
  assert.deepEqual(embedNear(null, null, DISTRICTS, "SE15"), { place: null, within: null });
  assert.deepEqual(embedNear("  ", null, DISTRICTS, "SE15"), { place: null, within: null });
  assert.deepEqual(embedNear("se15 4ql", "2", DISTRICTS, "SE15"),
    { place: { code: "SE15", lat: 51.47, lng: -0.065 }, within: 2 });
  assert.deepEqual(embedNear("BR3", null, DISTRICTS, "SE15").within, null);
  const bad = (near, within) => embedNear(near, within, DISTRICTS, "SE15").problem;
  assert.match(bad("SE15", "3"), /within=“3”, which is not 1, 2 or 5 \(miles\), so the list is in its usual order\./);
  assert.match(bad("SE15", "2.0"), /within=“2\.0”/);
  assert.match(bad("SE15", "two"), /within=“two”/);
  assert.match(bad(null, "2"), /within=“2” but no near=, a postcode/);
  assert.match(bad("pizza", null), /near=“pizza”, which is not a postcode \(use a full postcode or its first part, such as SE15\)/);
  assert.match(bad("ZZ9 9ZZ", "1"), /does not know the postcode area ZZ9 .*usual order\./);
  assert.equal(embedNear("SE15", "5", DISTRICTS, "").problem, undefined);
});

test("arrangeList: nearest first, unknown and online apart, within drops the further", async () => {
  const { arrangeList } = await import("../../docs/assets/finder/near.js");
  const from = { code: "SE15", lat: 51.47, lng: -0.065 };
  // 0: BR3 (about 4.5 miles), 1: online, 2: at SE15's centre, 3: in person, place not
  // known, 4: N1 (about 4.9 miles).
  const lat = [51.407, null, 51.47, null, 51.538];
  const lng = [-0.034, null, -0.065, null, -0.097];
  const online = [false, true, false, false, false];
  const all = arrangeList(lat, lng, online, from, null);
  assert.deepEqual([all.near, all.unknown, all.online], [[2, 0, 4], [3], [1]]);
  assert.equal(milesText(all.miles[2]), "Under 0.1 miles");
  const two = arrangeList(lat, lng, online, from, 2);
  assert.deepEqual([two.near, two.unknown, two.online], [[2], [], [1]]);
  const five = arrangeList(lat, lng, online, from, 5);
  assert.deepEqual(five.near, [2, 0, 4]);
  const one = arrangeList([51.538, 51.47], [-0.097, -0.065], [false, false], from, 1);
  assert.deepEqual(one.near, [1]);
});
