/*
 * Which activities a state matches: the index's columns found by name, facet choices
 * as bitmasks, and the word search over the prefix-sharded word index. Pure: the
 * shards are fetched by a function the caller passes in.
 */

// Where each value sits in an index item, looked up by name in the index's "columns"
// (written by finder_data.py): [{name, options, column}] per facet, and the columns of
// the age range and the flags.
export function layout(index) {
  var columns = index.columns || [];
  function column(name) {
    var at = columns.indexOf(name);
    if (at < 0) throw new Error("finder index: no column " + name);
    return at;
  }
  return {
    facets: index.facets.map(function (f) { return { name: f.name, options: f.options, column: column(f.name) }; }),
    ageMin: column("age_min"),
    ageMax: column("age_max"),
    flags: column("flags"),
    // The venue's borough, as a borough bitmask (0 online); older indexes lack it.
    held: columns.indexOf("held") >= 0 ? column("held") : undefined,
  };
}

// Selected options of each facet as bitmask words (OR within a facet), null where none.
export function selection(facets, bits, state) {
  return facets.map(function (facet) {
    var chosen = state.facets[facet.name] || [];
    if (!chosen.length) return null;
    var words = new Array(Math.ceil(facet.options.length / bits) || 1).fill(0);
    chosen.forEach(function (code) {
      var i = facet.options.indexOf(code);
      if (i >= 0) words[Math.floor(i / bits)] |= (1 << (i % bits));
    });
    return words;
  });
}

// A value (one word as a number, or an array of words) shares a bit with `words`.
export function intersects(value, words) {
  if (typeof value === "number") return (value & words[0]) !== 0;
  for (var w = 0; w < words.length; w++) if ((value[w] || 0) & words[w]) return true;
  return false;
}

// Calls back with the position of every set bit of a value.
export function eachBit(value, bits, callback) {
  var words = typeof value === "number" ? [value] : value;
  for (var w = 0; w < words.length; w++) {
    var word = words[w];
    for (var b = 0; word; b++, word >>>= 1) if (word & 1) callback(w * bits + b);
  }
}

// The text filter: a promise of the activity numbers matching every word (each word
// the start of an indexed word), or of null when there are no words. `shards` names the
// index's shards; loadShard(prefix) gives a promise of one ({word: [number deltas]}).
export function textMatches(words, shards, loadShard) {
  if (!words.length) return Promise.resolve(null);
  var known = new Set(shards);
  return Promise.all(words.map(function (word) {
    var prefix = word.slice(0, 2);
    if (!known.has(prefix)) return Promise.resolve(new Set());
    return loadShard(prefix).then(function (shard) {
      var found = new Set();
      Object.keys(shard).forEach(function (token) {
        if (token.lastIndexOf(word, 0) !== 0) return;
        var n = 0;
        shard[token].forEach(function (delta) { n += delta; found.add(n); });
      });
      return found;
    });
  })).then(function (sets) {
    sets.sort(function (a, b) { return a.size - b.size; });
    var result = sets[0];
    for (var i = 1; i < sets.length; i++) {
      var other = sets[i];
      result = new Set(Array.from(result).filter(function (n) { return other.has(n); }));
    }
    return result;
  });
}
