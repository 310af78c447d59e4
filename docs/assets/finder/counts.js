/*
 * One pass over the finder index: the results of a state and, for each option, how
 * many results choosing it would give (counted against every other active filter).
 * Pure.
 */
import { eachBit, intersects, selection } from "./match.js";

// index: finder/v1/index.json; shape: layout(index); textSet: the text filter's
// activity numbers, or null for no text filter.
export function evaluate(index, shape, state, textSet) {
  var items = index.items, flags = index.flags, bits = index.word_bits;
  var facets = shape.facets, nf = facets.length, FREE = nf, ACTIVE = nf + 1;
  var AGE_MIN = shape.ageMin, AGE_MAX = shape.ageMax, FLAGS = shape.flags;
  var selected = selection(facets, bits, state);
  var counts = facets.map(function (f) { return new Array(f.options.length).fill(0); });
  var freeCount = 0, activeCount = 0, results = [];
  var inactive = flags.paused | flags.closed;

  function addCounts(item, only) {
    for (var f = 0; f < nf; f++) {
      if (only !== undefined && only !== f) continue;
      eachBit(item[facets[f].column], bits, function (i) { counts[f][i]++; });
    }
    if ((only === undefined || only === FREE) && (item[FLAGS] & flags.free)) freeCount++;
    if ((only === undefined || only === ACTIVE) && !(item[FLAGS] & inactive)) activeCount++;
  }

  for (var n = 0; n < items.length; n++) {
    if (textSet && !textSet.has(n)) continue;
    var item = items[n];
    if (state.age !== null && (item[AGE_MIN] > state.age || item[AGE_MAX] < state.age)) continue;
    var failures = 0, failed = -1;
    for (var f = 0; f < nf && failures < 2; f++) {
      if (selected[f] && !intersects(item[facets[f].column], selected[f])) { failures++; failed = f; }
    }
    if (failures < 2 && state.free && !(item[FLAGS] & flags.free)) { failures++; failed = FREE; }
    if (failures < 2 && state.active && (item[FLAGS] & inactive)) { failures++; failed = ACTIVE; }
    if (failures === 0) { results.push(n); addCounts(item); }
    else if (failures === 1) addCounts(item, failed);
  }
  return { results: results, counts: counts, free: freeCount, active: activeCount };
}
