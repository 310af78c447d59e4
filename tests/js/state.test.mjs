import { test } from "node:test";
import assert from "node:assert/strict";
import { changed, cleared, hasFilters, isFiltered, readState, stateToParams } from "../../docs/assets/finder/state.js";

const NAMES = ["borough", "pathway", "day"];

function full() {
  return { q: "singing for dementia", age: 70, where: "held", free: true, nofee: true, weekly: true, active: true,
           facets: { borough: ["lewisham", "southwark"], pathway: ["dementia"], day: [] },
           near: "SE15", within: 2, here: null };
}

test("a state survives the round trip through the address", () => {
  for (const state of [full(), readState(new URLSearchParams(""), NAMES)]) {
    const params = stateToParams(state, NAMES, null);
    assert.deepEqual(readState(new URLSearchParams(params.toString()), NAMES), state);
  }
});

test("the address is written in a fixed order, facets repeated per option", () => {
  assert.equal(stateToParams(full(), NAMES, null).toString(),
    "q=singing+for+dementia&borough=lewisham&borough=southwark&pathway=dementia&where=held&age=70&free=1&nofee=1&weekly=1&active=1&near=SE15&within=2");
});

test("parameters the finder does not own are kept, and its own are replaced", () => {
  const current = new URLSearchParams("controls=none&borough=greenwich&q=old&utm=x");
  const params = stateToParams(full(), NAMES, current);
  assert.equal(params.get("controls"), "none");
  assert.equal(params.get("utm"), "x");
  assert.deepEqual(params.getAll("borough"), ["lewisham", "southwark"]);
  assert.equal(params.get("q"), "singing for dementia");
});

test("reading a form or an address: trimmed search, ages 0-120 only, flags only as 1", () => {
  const read = (query) => readState(new URLSearchParams(query), NAMES);
  assert.equal(read("q=%20%20choir%20").q, "choir");
  assert.equal(read("age=0").age, 0);
  assert.equal(read("age=120").age, 120);
  assert.equal(read("age=121").age, null);
  assert.equal(read("age=-1").age, null);
  assert.equal(read("age=old").age, null);
  assert.equal(read("free=yes").free, false);
  assert.equal(read("active=1").active, true);
  assert.deepEqual(read("day=monday&day=friday").facets.day, ["monday", "friday"]);
});

test("isFiltered: anything chosen counts, an empty state does not", () => {
  const empty = readState(new URLSearchParams(""), NAMES);
  assert.equal(isFiltered(empty, NAMES), false);
  assert.equal(isFiltered({ ...empty, age: 0 }, NAMES), true);
  assert.equal(isFiltered({ ...empty, q: "x" }, NAMES), true);
  assert.equal(isFiltered(changed(empty, NAMES, (s) => { s.facets.day.push("monday"); }), NAMES), true);
});

test("changed() copies: the original state is left as it was", () => {
  const state = full();
  const copy = changed(state, NAMES, (s) => { s.facets.borough.pop(); s.free = false; });
  assert.deepEqual(copy.facets.borough, ["lewisham"]);
  assert.equal(copy.free, false);
  assert.deepEqual(state, full());
});

test("clearing the filters keeps the search words and nothing else", () => {
  const state = cleared(full(), NAMES);
  assert.equal(state.q, "singing for dementia");
  assert.equal(hasFilters(state, NAMES), false);
  assert.equal(isFiltered(state, NAMES), true);
  assert.equal(stateToParams(state, NAMES, null).toString(), "q=singing+for+dementia");
  assert.equal(hasFilters(full(), NAMES), true);
});

test("where is held or nothing", () => {
  const read = (query) => readState(new URLSearchParams(query), NAMES);
  assert.equal(read("where=held").where, "held");
  assert.equal(read("where=anywhere").where, "");
});

test("near: the address holds a postcode's district only, never the visitor's location", () => {
  const read = (query) => readState(new URLSearchParams(query), NAMES);
  const state = { ...read(""), near: "se15 4ql", within: 5, here: { lat: 51.47, lng: -0.06 } };
  const params = stateToParams(state, NAMES, null);
  assert.equal(params.toString(), "near=SE15&within=5");
  // Text that is not a postcode stays as typed, so the page can say what is wrong.
  assert.equal(stateToParams({ ...state, near: "Peckham Rye" }, NAMES, null).get("near"), "Peckham Rye");
  // Only 1, 2 or 5 miles.
  assert.equal(read("near=SE15&within=3").within, null);
  assert.equal(read("near=SE15&within=1").within, 1);
  assert.equal(read("near=%20se15%20").near, "se15");
});

test("near or the visitor's location is a filter; within alone is not; clearing drops all three", () => {
  const empty = readState(new URLSearchParams(""), NAMES);
  assert.equal(hasFilters({ ...empty, within: 2 }, NAMES), false);
  assert.equal(hasFilters({ ...empty, near: "SE15" }, NAMES), true);
  assert.equal(hasFilters({ ...empty, here: { lat: 51.4, lng: 0 } }, NAMES), true);
  const after = cleared({ ...empty, q: "choir", near: "SE15", within: 2, here: { lat: 1, lng: 2 } }, NAMES);
  assert.deepEqual([after.q, after.near, after.within, after.here], ["choir", "", null, null]);
});
