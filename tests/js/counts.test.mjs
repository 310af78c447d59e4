import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "../../docs/assets/finder/counts.js";
import { layout } from "../../docs/assets/finder/match.js";
import { index, state } from "./fixture.mjs";

function run(changes, textSet = null) {
  const data = index();
  return evaluate(data, layout(data), state(changes), textSet);
}

test("no filter: everything matches and every option is counted", () => {
  const outcome = run({});
  assert.deepEqual(outcome.results, [0, 1, 2, 3]);
  // borough: greenwich, lewisham, southwark
  assert.deepEqual(outcome.counts[0], [1, 2, 2]);
  assert.equal(outcome.counts[1][0], 2);
  assert.equal(outcome.counts[1][31], 1);
  assert.equal(outcome.counts[1][32], 1);
  assert.equal(outcome.free, 2);
  assert.equal(outcome.active, 2);  // item 2 is paused, item 3 closed
});

test("OR within a facet, AND across facets", () => {
  assert.deepEqual(run({ facets: { borough: ["lewisham", "greenwich"], art: [] } }).results, [0, 1, 3]);
  assert.deepEqual(run({ facets: { borough: ["southwark"], art: ["o0"] } }).results, [2]);
});

test("a facet's counts ignore its own choice but respect the others'", () => {
  const outcome = run({ facets: { borough: ["lewisham"], art: ["o0"] } });
  assert.deepEqual(outcome.results, [0]);
  // Choosing southwark too would add item 2 (art o0): counted although not a result.
  assert.deepEqual(outcome.counts[0], [0, 1, 1]);
  // Art counts are over lewisham's items: 0 (o0) and 1 (o31).
  assert.equal(outcome.counts[1][0], 1);
  assert.equal(outcome.counts[1][31], 1);
  assert.equal(outcome.counts[1][32], 0);
});

test("age, free and active filters", () => {
  assert.deepEqual(run({ age: 10 }).results, [0, 2]);
  assert.deepEqual(run({ age: 70 }).results, [0, 1, 3]);
  assert.deepEqual(run({ free: true }).results, [0, 2]);
  assert.deepEqual(run({ active: true }).results, [0, 1]);
  const both = run({ free: true, active: true });
  assert.deepEqual(both.results, [0]);
  // Each counted against the other: free among the active (0, 1), active among the free (0, 2).
  assert.equal(both.free, 1);
  assert.equal(both.active, 1);
});

test("the text filter limits results and counts to its activities", () => {
  const outcome = run({}, new Set([1, 3]));
  assert.deepEqual(outcome.results, [1, 3]);
  assert.deepEqual(outcome.counts[0], [1, 1, 1]);
  assert.equal(outcome.free, 0);
});

test("free or donation, and weekly, each counted against the other filters", () => {
  assert.deepEqual(run({ nofee: true }).results, [0, 1, 2]);
  assert.deepEqual(run({ weekly: true }).results, [0, 3]);
  const both = run({ nofee: true, weekly: true });
  assert.deepEqual(both.results, [0]);
  assert.equal(both.nofee, 1);   // among the weekly (0, 3)
  assert.equal(both.weekly, 1);  // among the free or donation (0, 1, 2)
  assert.equal(run({}).nofee, 3);
  assert.equal(run({}).weekly, 2);
});

test("where=held: the borough facet means held in, not also serving", () => {
  const lewisham = { borough: ["lewisham"], art: [] };
  assert.deepEqual(run({ facets: lewisham }).results, [0, 1]);
  const held = run({ where: "held", facets: lewisham });
  assert.deepEqual(held.results, [0]);
  // Counts per borough are of activities held there: the online item 2 counts nowhere.
  assert.deepEqual(held.counts[0], [1, 1, 1]);
  assert.deepEqual(run({ where: "held", facets: { borough: ["southwark"], art: [] } }).results, [1]);
});
