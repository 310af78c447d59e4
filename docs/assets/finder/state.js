/*
 * The finder's state (search, age, the on/off choices, where, and the chosen options of
 * each facet) and its address: what the form holds, what the URL says, and back. Pure.
 *
 * A state is { q: string, age: number|null, free: bool, nofee: bool, weekly: bool,
 *              active: bool, where: "" | "held",
 *              facets: { <facet name>: [option code, ...] } }.
 * where "held" narrows the borough facet to activities held in the boroughs chosen;
 * otherwise it also takes in activities held elsewhere that serve them.
 * Near a place: near is the text typed in the Near box (the address holds only its
 * postcode district), within is 1, 2 or 5 (miles) or null, and here is the visitor's
 * own location ({lat, lng}) or null. here is never written to the address.
 */
import { normalisePostcode, readWithin } from "./near.js";

// The on/off choices, each a URL parameter set to "1" when on, in the address's order.
export var TOGGLES = ["free", "nofee", "weekly", "active"];
export var SINGLE = ["q", "age", "where", "near", "within"].concat(TOGGLES);

// The state in a FormData or a URLSearchParams (the two share get and getAll).
export function readState(data, facetNames) {
  var state = { q: (data.get("q") || "").trim(), age: null, where: data.get("where") === "held" ? "held" : "", facets: {},
    near: (data.get("near") || "").trim(), within: readWithin(data.get("within")), here: null };
  TOGGLES.forEach(function (name) { state[name] = data.get(name) === "1"; });
  state.age = checkAge(data.get("age")).age;
  facetNames.forEach(function (name) { state.facets[name] = data.getAll(name); });
  return state;
}

// The ages the finder can use: whole years, as the provider entries give them.
export var AGE_MIN = 0;
export var AGE_MAX = 120;

// The age box's text checked: { age: number|null, error: string } where error is ""
// when the text is a usable age or empty (no age filter). badInput is the number
// field's own verdict (validity.badInput: text it could not read as a number, which
// the field's value then reports as "").
export function checkAge(text, badInput) {
  var raw = text === null || text === undefined ? "" : String(text).trim();
  var range = "Enter a whole number of years from " + AGE_MIN + " to " + AGE_MAX + ".";
  if (raw === "" && !badInput) return { age: null, error: "" };
  var quoted = "\u201c" + raw + "\u201d";
  if (/^-\d*\.?\d+$/.test(raw)) return { age: null, error: quoted + " is less than " + AGE_MIN + ". " + range };
  if (/^\d*\.\d+$/.test(raw)) return { age: null, error: quoted + " is not a whole number. " + range };
  if (!/^\d+$/.test(raw)) return { age: null, error: (raw ? quoted + " is not an age. " : "That is not an age. ") + range };
  var age = parseInt(raw, 10);
  if (age > AGE_MAX) return { age: null, error: quoted + " is more than " + AGE_MAX + ". " + range };
  return { age: age, error: "" };
}

// The address's parameters for a state. Parameters of `current` the finder does not own
// (such as an embed's controls=none) are kept, first and in their order.
export function stateToParams(state, facetNames, current) {
  var owned = new Set(SINGLE.concat(facetNames));
  var params = new URLSearchParams();
  if (current) {
    current.forEach(function (value, name) {
      if (!owned.has(name)) params.append(name, value);
    });
  }
  if (state.q) params.set("q", state.q);
  facetNames.forEach(function (name) {
    state.facets[name].forEach(function (value) { params.append(name, value); });
  });
  if (state.where === "held") params.set("where", "held");
  if (state.age !== null) params.set("age", String(state.age));
  TOGGLES.forEach(function (name) { if (state[name]) params.set(name, "1"); });
  // A full postcode is written as its district: the address is shared, the postcode
  // may be someone's home. Text that is not a postcode is kept, to be explained.
  if (state.near) params.set("near", normalisePostcode(state.near) || state.near);
  if (state.within !== null && state.within !== undefined) params.set("within", String(state.within));
  return params;
}

// Any filter other than the search words.
export function hasFilters(state, facetNames) {
  return state.age !== null || Boolean(state.near) || Boolean(state.here) || TOGGLES.some(function (name) { return state[name]; }) ||
    facetNames.some(function (name) { return state.facets[name].length > 0; });
}

export function isFiltered(state, facetNames) {
  return Boolean(state.q) || hasFilters(state, facetNames);
}

// A copy of a state with one change made to it (the copy's facet lists are its own).
export function changed(state, facetNames, change) {
  var copy = { q: state.q, age: state.age, where: state.where || "", facets: {},
    near: state.near || "", within: state.within === undefined ? null : state.within, here: state.here || null };
  TOGGLES.forEach(function (name) { copy[name] = Boolean(state[name]); });
  facetNames.forEach(function (name) { copy.facets[name] = state.facets[name].slice(); });
  change(copy);
  return copy;
}

// The same state without any filter but the search words.
export function cleared(state, facetNames) {
  return changed(state, facetNames, function (s) {
    s.age = null;
    s.where = "";
    s.near = "";
    s.within = null;
    s.here = null;
    TOGGLES.forEach(function (name) { s[name] = false; });
    facetNames.forEach(function (name) { s.facets[name] = []; });
  });
}
