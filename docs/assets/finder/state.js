/*
 * The finder's state (search, age, free, active and the chosen options of each facet)
 * and its address: what the form holds, what the URL says, and back. Pure.
 *
 * A state is { q: string, age: number|null, free: bool, active: bool,
 *              facets: { <facet name>: [option code, ...] } }.
 */

export var SINGLE = ["q", "age", "free", "active"];

// The state in a FormData or a URLSearchParams (the two share get and getAll).
export function readState(data, facetNames) {
  var state = { q: (data.get("q") || "").trim(), age: null, free: data.get("free") === "1",
                active: data.get("active") === "1", facets: {} };
  var age = parseInt(data.get("age"), 10);
  if (!isNaN(age) && age >= 0 && age <= 120) state.age = age;
  facetNames.forEach(function (name) { state.facets[name] = data.getAll(name); });
  return state;
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
  if (state.age !== null) params.set("age", String(state.age));
  if (state.free) params.set("free", "1");
  if (state.active) params.set("active", "1");
  return params;
}

export function isFiltered(state, facetNames) {
  return Boolean(state.q) || state.age !== null || state.free || state.active ||
    facetNames.some(function (name) { return state.facets[name].length > 0; });
}

// A copy of a state with one change made to it (the copy's facet lists are its own).
export function changed(state, facetNames, change) {
  var copy = { q: state.q, age: state.age, free: state.free, active: state.active, facets: {} };
  facetNames.forEach(function (name) { copy.facets[name] = state.facets[name].slice(); });
  change(copy);
  return copy;
}
