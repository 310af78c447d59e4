import { test } from "node:test";
import assert from "node:assert/strict";
import { eachBit, intersects, layout, selection, textMatches } from "../../docs/assets/finder/match.js";
import { index, state } from "./fixture.mjs";

test("columns are found by name, whatever their order", () => {
  const shape = layout(index());
  assert.deepEqual(shape.facets.map((f) => [f.name, f.column]), [["borough", 4], ["art", 1]]);
  assert.deepEqual([shape.ageMin, shape.ageMax, shape.flags, shape.held], [5, 2, 0, 3]);
});

test("an index without a named column is refused, not misread", () => {
  const old = index();
  delete old.columns;
  assert.throws(() => layout(old), /no column borough/);
  const missing = index();
  missing.columns = missing.columns.filter((c) => c !== "flags");
  assert.throws(() => layout(missing), /no column flags/);
});

test("selection: chosen options as bitmask words, across word boundaries", () => {
  const { facets } = layout(index());
  const chosen = selection(facets, 30, state({ facets: { borough: ["southwark"], art: ["o1", "o31", "nope"] } }));
  assert.deepEqual(chosen, [[4], [2, 2]]);
  assert.deepEqual(selection(facets, 30, state()), [null, null]);
});

test("intersects and eachBit read one-word and many-word values alike", () => {
  assert.equal(intersects(0b101, [0b100]), true);
  assert.equal(intersects(0b101, [0b010]), false);
  assert.equal(intersects([0, 1], [0, 1]), true);
  assert.equal(intersects([1], [0, 1]), false);  // a shorter value has no bits in later words
  const seen = [];
  eachBit([0b11, 1 << 29], 30, (i) => seen.push(i));
  assert.deepEqual(seen, [0, 1, 59]);
});

const SHARDS = {
  da: { dance: [0, 2], dancing: [1], daytime: [3] },
  si: { singing: [1, 1], sing: [3] },
};
const load = (prefix) => Promise.resolve(SHARDS[prefix]);

test("text: every word must match the start of an indexed word", async () => {
  assert.deepEqual([...await textMatches(["dan"], ["da", "si"], load)].sort(), [0, 1, 2]);
  assert.deepEqual([...await textMatches(["danc", "sing"], ["da", "si"], load)].sort(), [1, 2]);
  assert.deepEqual([...await textMatches(["singing"], ["da", "si"], load)].sort(), [1, 2]);
});

test("text: no words is no filter; a word with no shard matches nothing", async () => {
  assert.equal(await textMatches([], ["da"], load), null);
  let loaded = 0;
  const counting = (p) => { loaded++; return load(p); };
  assert.equal((await textMatches(["zebra", "dance"], ["da", "si"], counting)).size, 0);
  assert.equal(loaded, 1, "only the shard that exists is fetched");
});
