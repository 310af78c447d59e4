/*
 * One pass over the finder index: the results of a state and, for each option, how
 * many results choosing it would give (counted against every other active filter).
 * Pure.
 */
import { eachBit, intersects, selection } from "./match.js";
import { TOGGLES } from "./state.js";

// Per on/off choice, in TOGGLES' order: [flag bits, whether the item must have one of
// them (true) or none of them (false)].
function toggleTests(flags) {
  var table = {
    free: [flags.free, true],
    nofee: [flags.nofee || flags.free, true],
    weekly: [flags.weekly || 0, true],
    active: [flags.paused | flags.closed, false],
  };
  return TOGGLES.map(function (name) { return table[name]; });
}

// index: finder/v1/index.json; shape: layout(index); textSet: the text filter's
// activity numbers, or null for no text filter. The outcome's counts are per facet
// option, and one per on/off choice (outcome.free, outcome.nofee, ...).
export function evaluate(index, shape, state, textSet) {
  var items = index.items, flags = index.flags, bits = index.word_bits;
  // With where=held the borough facet reads the "held" column (the venue's borough).
  var facets = shape.facets.map(function (f) {
    return f.name === "borough" && state.where === "held" && shape.held !== undefined
      ? { name: f.name, options: f.options, column: shape.held } : f;
  });
  var nf = facets.length, nt = TOGGLES.length;
  var AGE_MIN = shape.ageMin, AGE_MAX = shape.ageMax, FLAGS = shape.flags;
  var selected = selection(facets, bits, state);
  var on = TOGGLES.map(function (name) { return Boolean(state[name]); });
  var tests = toggleTests(flags), ok = new Array(nt);
  var counts = facets.map(function (f) { return new Array(f.options.length).fill(0); });
  var toggleCounts = new Array(nt).fill(0), results = [];

  for (var n = 0; n < items.length; n++) {
    if (textSet && !textSet.has(n)) continue;
    var item = items[n];
    if (state.age !== null && (item[AGE_MIN] > state.age || item[AGE_MAX] < state.age)) continue;
    var failures = 0, failed = -1, f, t;
    for (f = 0; f < nf && failures < 2; f++) {
      if (selected[f] && !intersects(item[facets[f].column], selected[f])) { failures++; failed = f; }
    }
    var itemFlags = item[FLAGS];
    for (t = 0; t < nt; t++) ok[t] = ((itemFlags & tests[t][0]) !== 0) === tests[t][1];
    for (t = 0; t < nt && failures < 2; t++) {
      if (on[t] && !ok[t]) { failures++; failed = nf + t; }
    }
    if (failures === 0) results.push(n);
    if (failures > 1) continue;
    for (f = 0; f < nf; f++) {
      if (failures === 1 && failed !== f) continue;
      eachBit(item[facets[f].column], bits, function (i) { counts[f][i]++; });
    }
    for (t = 0; t < nt; t++) {
      if (failures === 1 && failed !== nf + t) continue;
      if (ok[t]) toggleCounts[t]++;
    }
  }
  var outcome = { results: results, counts: counts };
  TOGGLES.forEach(function (name, t) { outcome[name] = toggleCounts[t]; });
  return outcome;
}
