/*
 * "Near a place": postcodes, straight-line distances, and results in distance order.
 * Pure: no DOM, no fetching. The browser's copy of normalise_postcode() and
 * distance_miles() in src/creative_health/places.py; tests/js/near.test.mjs and
 * tests/unit/test_postcode_cases.py read the same cases (tests/fixtures/postcodes.json).
 */

// A UK outward code (the part before the space: SE15, BR3, W1A, EC1V), and a whole
// postcode (outward code, then a digit and two letters).
var OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
var FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
export var EARTH_RADIUS_MILES = 3958.8;
// The "Within" choices, in miles.
export var WITHIN = [1, 2, 5];

// The outward code of a full postcode or an outward code, typed in any case and with any
// spaces; null when the text is neither.
export function normalisePostcode(text) {
  var compact = String(text || "").toUpperCase().replace(/\s+/g, "");
  if (OUTWARD.test(compact)) return compact;
  var full = FULL.exec(compact);
  return full ? full[1] : null;
}

// A "within" value from a form or an address: one of WITHIN, or null (any distance).
export function readWithin(value) {
  var n = Number(value);
  return WITHIN.indexOf(n) >= 0 ? n : null;
}

function radians(degrees) { return degrees * Math.PI / 180; }

// Great-circle (haversine) distance between two points, in miles.
export function distanceMiles(lat1, lng1, lat2, lng2) {
  var dLat = radians(lat2 - lat1), dLng = radians(lng2 - lng1);
  var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
    Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}

// Miles to one decimal place, as shown and as "Within" compares them (so an activity
// shown as "2 miles" is within 2 miles).
export function roundMiles(miles) { return Math.round(miles * 10) / 10; }

export function milesText(miles) {
  var rounded = roundMiles(miles);
  if (rounded < 0.1) return "Under 0.1 miles";
  var text = rounded.toFixed(1).replace(/\.0$/, "");
  return text + (text === "1" ? " mile" : " miles");
}

// Where a typed place is: {code, lat, lng} for a known district, or {error, code}
// where error is "empty", "format" (not a postcode) or "unknown" (a postcode whose
// district the directory does not list). districts: {CODE: [lat, lng]}.
export function findPlace(text, districts) {
  if (!String(text || "").trim()) return { error: "empty", code: null };
  var code = normalisePostcode(text);
  if (!code) return { error: "format", code: null };
  var at = Object.prototype.hasOwnProperty.call(districts, code) ? districts[code] : null;
  if (!at) return { error: "unknown", code: code };
  return { code: code, lat: at[0], lng: at[1] };
}

// What to tell someone whose place was not found: what they typed and how to fix it.
// example: a postcode district the directory knows, to show the form expected.
export function placeProblem(text, place, example) {
  var typed = "\u201c" + String(text).trim() + "\u201d";
  var sample = example ? ", such as " + example : "";
  if (place.error === "format") {
    return typed + " is not a postcode. Type a full postcode, or just its first part" + sample + ".";
  }
  return "The directory does not know the postcode area " + place.code + " (you typed " + typed +
    "). Type a postcode in or next to the area it covers" + sample + ", or clear the box.";
}

// Each activity's distance in miles from a point (NaN where its venue has no known
// location, or it has none: online). lat, lng: the coordinate columns, null where none.
export function distances(lat, lng, from) {
  var out = new Float64Array(lat.length);
  for (var n = 0; n < lat.length; n++) {
    out[n] = lat[n] === null || lng[n] === null ? NaN : distanceMiles(from.lat, from.lng, lat[n], lng[n]);
  }
  return out;
}

// The results in distance order, as three lists: {near: [...] nearest first (ties in
// list order), unknown: in-person activities whose place is not known, online: those
// with no venue}. isOnline(n) tells online activities apart.
export function byDistance(results, miles, isOnline) {
  var near = [], unknown = [], online = [];
  results.forEach(function (n) {
    if (isOnline(n)) online.push(n);
    else if (isNaN(miles[n])) unknown.push(n);
    else near.push(n);
  });
  near.sort(function (a, b) { return (miles[a] - miles[b]) || (a - b); });
  return { near: near, unknown: unknown, online: online };
}

// The activities a "Within" choice keeps: those at most `within` miles away (as
// rounded for display) and every online one; in-person activities with no known
// place are left out, as they cannot be said to be within. null within keeps all.
export function withinSet(count, miles, within, isOnline) {
  if (within === null) return null;
  var keep = new Set();
  for (var n = 0; n < count; n++) {
    if (isOnline(n) || roundMiles(miles[n]) <= within) keep.add(n);
  }
  return keep;
}

// A list embed's ?near= and ?within= (null where the address has none), checked as the
// finder checks them: {place: {code, lat, lng} or null, within: miles or null} to sort
// by, or {problem}: a sentence for the frame that names what the address says, why it
// cannot be used and that the list keeps its usual order. districts: {CODE: [lat, lng]}.
export function embedNear(near, within, districts, example) {
  var nearText = near === null ? "" : String(near).trim();
  var withinText = within === null ? "" : String(within).trim();
  var usual = ", so the list is in its usual order.";
  function quoted(name, text) { return name + "=\u201c" + text.slice(0, 20) + "\u201d"; }
  if (withinText && (!/^\d+$/.test(withinText) || readWithin(withinText) === null)) {
    return { problem: "This list was set up with " + quoted("within", withinText) + ", which is not " +
      WITHIN.slice(0, -1).join(", ") + " or " + WITHIN[WITHIN.length - 1] + " (miles)" + usual };
  }
  if (!nearText) {
    if (!withinText) return { place: null, within: null };
    return { problem: "This list was set up with " + quoted("within", withinText) +
      " but no near=, a postcode to measure from" + usual };
  }
  var place = findPlace(nearText, districts);
  var sample = example ? ", such as " + example : "";
  if (place.error === "format") {
    return { problem: "This list was set up with " + quoted("near", nearText) + ", which is not a postcode " +
      "(use a full postcode or its first part" + sample + ")" + usual };
  }
  if (place.error) {
    return { problem: "This list was set up with " + quoted("near", nearText) + ", but the directory does " +
      "not know the postcode area " + place.code + " (use one in or next to the area it covers" + sample + ")" + usual };
  }
  return { place: place, within: withinText ? readWithin(withinText) : null };
}

// A list of activities (columns lat, lng, null where not known, and online: true for
// those with no venue) in distance order from place, as byDistance gives it, keeping
// only what withinSet keeps: {near, unknown, online, miles}, the first three lists of
// positions in the list and miles each one's distance.
export function arrangeList(lat, lng, online, place, within) {
  var miles = distances(lat, lng, place);
  function isOnline(n) { return Boolean(online[n]); }
  var keep = withinSet(lat.length, miles, within, isOnline);
  var all = [];
  for (var n = 0; n < lat.length; n++) if (keep === null || keep.has(n)) all.push(n);
  var sorted = byDistance(all, miles, isOnline);
  sorted.miles = miles;
  return sorted;
}
