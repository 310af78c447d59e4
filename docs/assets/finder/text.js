/*
 * How text becomes search words: the browser's copy of normalise() and words() in
 * src/creative_health/site/finder_data.py, run from the data the build writes to
 * finder/v1/text.json (stop words, case folding JavaScript lacks, combining marks).
 * Pure: no DOM, no fetching; tests/build/test_finder_text.py checks it agrees with Python.
 */

function hex(cp) { return "\\u{" + cp.toString(16) + "}"; }

// The normaliser and word splitter described by a text.json.
export function textRules(data) {
  var fold = new Map(Object.entries(data.fold));
  var shift = data.shift;
  var strip = new RegExp("[" + data.strip.map(function (run) {
    return run[0] === run[1] ? hex(run[0]) : hex(run[0]) + "-" + hex(run[1]);
  }).join("") + "]", "gu");
  var drop = new RegExp("[" + data.drop + "]", "g");
  var split = new RegExp(data.split);
  var stopwords = new Set(data.stopwords);
  var minLength = data.min_length;

  // Python's str.casefold, one character at a time (so no final-sigma context).
  function foldChar(ch) {
    var cp = ch.codePointAt(0);
    for (var i = 0; i < shift.length; i++) {
      if (cp >= shift[i][0] && cp <= shift[i][1]) return String.fromCodePoint(cp + shift[i][2]);
    }
    var folded = fold.get(ch);
    return folded === undefined ? ch.toLowerCase() : folded;
  }

  function normalise(text) {
    var folded = "";
    for (var ch of text) folded += ch < "\u0080" ? ch.toLowerCase() : foldChar(ch);
    return folded.normalize("NFKD").replace(strip, "").replace(drop, "");
  }

  // The words of a search, in order: as words() in Python, which gives them as a set.
  function queryWords(text) {
    return normalise(text).split(split).filter(function (w) {
      return w.length >= minLength && !stopwords.has(w);
    });
  }

  return { normalise: normalise, queryWords: queryWords };
}
