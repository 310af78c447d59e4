/*
 * The activity finder on /find/ (and its embed): progressive enhancement over the
 * server-rendered list. Reads the form into a state, keeps the address in step, and
 * shows results, option counts and, when nothing matches, which filter to remove.
 */
import { announce, el, getJSON, plural } from "./util.js";
import { loadTextRules } from "./words.js";
import { TOGGLES, changed, checkAge, cleared, hasFilters, isFiltered, readState, stateToParams } from "./state.js";
import { intersects, layout, selection, textMatches } from "./match.js";
import { evaluate } from "./counts.js";
import { activityCard } from "./cards.js";
import { refreshShortlistControls } from "./shortlist.js";
import { FilterPanel } from "./panel.js";
import { NearBox } from "./nearbox.js";
import { byDistance, milesText } from "./near.js";

// The on/off choices as a person reads them (chips, the empty state).
var TOGGLE_LABELS = { free: "Free only", nofee: "Free or donation", weekly: "Weekly", active: "Hide paused and closed" };

export var PAGE_SIZE = 50;

export function Finder(root) {
  this.root = root;
  this.base = root.getAttribute("data-root") || "./";
  this.form = root.querySelector("#ch-finder-form");
  this.count = root.querySelector("#ch-result-count");
  this.results = root.querySelector("#ch-results");
  this.empty = root.querySelector("#ch-empty");
  this.more = root.querySelector("#ch-more");
  this.shown = PAGE_SIZE;
  this.typing = false;
  this.renderToken = 0;
  // Embedded finders list results even before any filter is chosen.
  this.alwaysResults = root.hasAttribute("data-always-results");
  // Inside another site's iframe: no history entries (the host page's Back button would
  // step through filters instead of leaving the page) and no shortlist buttons.
  this.embedded = root.classList.contains("ch-finder--embed");
  this.chips = root.querySelector("#ch-chips");
  this.panel = this.embedded ? null : new FilterPanel(root);
  this.near = new NearBox(this);
  this.nearby = { place: null, problem: "", miles: null, keep: null };
}

Finder.prototype.start = function () {
  var self = this;
  return Promise.all([getJSON(this.base + "finder/v1/index.json"), loadTextRules(this.base)]).then(function (loaded) {
    var index = loaded[0];
    self.index = index;
    self.text = loaded[1];
    self.shape = layout(index);
    self.facetNames = index.facets.map(function (f) { return f.name; });
    self.listen();
    self.near.start();
    var params = new URLSearchParams(window.location.search);
    self.root.classList.toggle("ch-finder--bare", params.get("controls") === "none");
    self.setControls(params);
    if (self.panel) self.panel.start();
    self.root.classList.add("ch-finder--ready");
    return self.update(false, true);
  }).catch(function () {
    document.documentElement.classList.remove("ch-finder-pending");
    self.count.textContent = "Filtering is not available right now; every activity is listed below.";
  });
};

Finder.prototype.listen = function () {
  var self = this;
  this.form.addEventListener("change", function (event) {
    var quick = event.target.getAttribute("data-quick");
    if (quick) self.applyQuick(event.target);
    else if (event.target.name === "q" || event.target.name === "age") return;
    self.update(true);
  });
  this.form.addEventListener("input", function (event) {
    if (event.target.name !== "q" && event.target.name !== "age") return;
    window.clearTimeout(self.timer);
    self.timer = window.setTimeout(function () {
      self.update(!self.typing);
      self.typing = true;
    }, 250);
  });
  this.form.querySelectorAll("input[name=q], input[name=age]").forEach(function (input) {
    input.addEventListener("blur", function () { self.typing = false; });
  });
  this.form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(self.timer);
    self.typing = false;
    self.update(true);
  });
  // "Clear all filters" keeps the search words: they are cleared in the search box.
  this.root.querySelector("#ch-reset").addEventListener("click", function () {
    self.clearFilters();
    self.form.querySelector("#ch-q").focus();
  });
  if (this.chips) {
    this.chips.querySelector("#ch-chips-clear").addEventListener("click", function () {
      self.clearFilters();
      self.count.focus();
    });
    this.chips.addEventListener("click", function (event) {
      var chip = event.target.closest("button[data-chip]");
      if (chip) self.removeChip(chip);
    });
  }
  this.more.addEventListener("click", function () {
    self.shown += PAGE_SIZE;
    self.render(false);
  });
  this.empty.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-relax]");
    if (button) self.relax(button.getAttribute("data-relax"));
  });
};

// The form's state. An age the finder cannot use is not applied: the filter stays as it
// was (the last age applied, or none) while the field shows why (showAgeError).
Finder.prototype.readState = function () {
  var state = readState(new FormData(this.form), this.facetNames);
  // A typed place takes over from the visitor's location, which only this page knows.
  state.here = state.near ? null : this.near.here;
  if (this.ageCheck().error) state.age = this.state ? this.state.age : null;
  return state;
};

Finder.prototype.ageCheck = function () {
  var input = this.form.querySelector("#ch-age");
  return input ? checkAge(input.value, input.validity && input.validity.badInput) : { age: null, error: "" };
};

// The age field's error beside it (WCAG 3.3.1): aria-invalid, and the message first in
// its description; announced once when it appears or changes.
Finder.prototype.showAgeError = function () {
  var input = this.form.querySelector("#ch-age"), box = this.form.querySelector("#ch-age-error");
  if (!input || !box) return;
  var error = this.ageCheck().error;
  var before = box.hidden ? "" : box.textContent;
  box.textContent = error;
  box.hidden = !error;
  if (error) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  input.setAttribute("aria-describedby", (error ? "ch-age-error " : "") + "ch-age-hint");
  if (error && error !== before) announce(error);
};

Finder.prototype.stateToParams = function (state) {
  return stateToParams(state, this.facetNames, new URLSearchParams(window.location.search));
};

Finder.prototype.setControls = function (params) {
  var form = this.form;
  form.querySelector("#ch-q").value = params.get("q") || "";
  form.querySelector("#ch-age").value = params.get("age") || "";
  form.querySelectorAll("input[type=checkbox][name]").forEach(function (box) {
    box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
  });
  var where = params.get("where") === "held" ? "held" : "";
  form.querySelectorAll("input[name=where]").forEach(function (radio) { radio.checked = radio.value === where; });
  this.near.setControls(params);
  this.syncQuick();
};

// The options a quick choice stands for (its facet's checkboxes).
Finder.prototype.quickTargets = function (quick) {
  var facet = quick.getAttribute("data-quick"), values = quick.getAttribute("data-values").split(" ");
  return Array.from(this.form.querySelectorAll("input[type=checkbox][name]")).filter(function (box) {
    return box.name === facet && values.indexOf(box.value) >= 0;
  });
};

Finder.prototype.applyQuick = function (quick) {
  this.quickTargets(quick).forEach(function (box) { box.checked = quick.checked; });
};

// A quick choice is ticked when every option it stands for is.
Finder.prototype.syncQuick = function () {
  var self = this;
  this.form.querySelectorAll("input[data-quick]").forEach(function (quick) {
    var targets = self.quickTargets(quick);
    quick.checked = targets.length > 0 && targets.every(function (box) { return box.checked; });
  });
};

// The controls set to the state with no filters but the search words.
Finder.prototype.clearFilters = function () {
  var state = cleared(this.readState(), this.facetNames);
  this.setControls(stateToParams(state, this.facetNames, null));
  if (this.near.here) this.near.stopHere(false);
  this.typing = false;
  this.update(true);
};

// A checkbox's own words, without its count.
function optionLabel(box) {
  var text = "";
  box.parentNode.childNodes.forEach(function (node) { if (node.nodeType === 3) text += node.textContent; });
  return text.trim();
}

// The filters in use as chips: [{label, remove}] where remove is a change to the state.
Finder.prototype.chipList = function (state) {
  var self = this, form = this.form, chips = [];
  this.facetNames.forEach(function (name) {
    var chosen = state.facets[name].slice();
    form.querySelectorAll("input[data-quick='" + name + "']").forEach(function (quick) {
      var values = quick.getAttribute("data-values").split(" ");
      if (values.length < 2 || !values.every(function (v) { return chosen.indexOf(v) >= 0; })) return;
      chosen = chosen.filter(function (v) { return values.indexOf(v) < 0; });
      chips.push({ label: optionLabel(quick), remove: function (s) {
        s.facets[name] = s.facets[name].filter(function (v) { return values.indexOf(v) < 0; });
      } });
    });
    chosen.forEach(function (value) {
      var box = form.querySelector("input[type=checkbox][name='" + name + "'][value='" + value + "']");
      chips.push({ label: box ? optionLabel(box) : value, remove: function (s) {
        s.facets[name] = s.facets[name].filter(function (v) { return v !== value; });
      } });
    });
    if (name === "borough" && state.where === "held") {
      chips.push({ label: "Held in the boroughs ticked only", remove: function (s) { s.where = ""; } });
    }
  });
  TOGGLES.forEach(function (name) {
    if (state[name]) chips.push({ label: TOGGLE_LABELS[name], remove: function (s) { s[name] = false; } });
  });
  if (state.age !== null) chips.push({ label: "Age " + state.age, remove: function (s) { s.age = null; } });
  var place = this.nearby.place;
  if (place) {
    chips.push({ label: place.code ? "Near " + place.code : "Near your location", remove: function (s) { s.near = ""; s.here = null; } });
    if (state.within !== null) chips.push({ label: "Within " + milesText(state.within), remove: function (s) { s.within = null; } });
  }
  return chips;
};

Finder.prototype.showChips = function (state) {
  if (!this.chips) return 0;
  var list = this.chips.querySelector("#ch-chips-list"), chips = this.chipList(state);
  this.chipChanges = chips.map(function (chip) { return chip.remove; });
  list.replaceChildren();
  chips.forEach(function (chip, i) {
    var li = el("li");
    var button = el("button", { type: "button", "class": "ch-chip", "data-chip": String(i), "aria-label": "Remove filter: " + chip.label }, chip.label);
    button.appendChild(el("span", { "class": "ch-chip__x", "aria-hidden": "true" }, " \u00d7"));
    li.appendChild(button);
    list.appendChild(li);
  });
  this.chips.hidden = chips.length === 0;
  return chips.length;
};

Finder.prototype.removeChip = function (chip) {
  var at = parseInt(chip.getAttribute("data-chip"), 10), change = this.chipChanges[at];
  var state = changed(this.readState(), this.facetNames, change);
  this.setControls(stateToParams(state, this.facetNames, null));
  if (!state.here && this.near.here) this.near.stopHere(false);
  this.typing = false;
  var self = this;
  this.update(true).then(function () {
    var chips = self.chips.querySelectorAll("button[data-chip]");
    var next = chips[Math.min(at, chips.length - 1)];
    (next || self.count).focus();
  });
};

Finder.prototype.isFiltered = function (state) {
  return isFiltered(state, this.facetNames);
};

// The text filter: activity numbers matching every query word (by prefix), or null.
Finder.prototype.textMatches = function (query) {
  var base = this.base;
  return textMatches(this.text.queryWords(query), this.index.shards, function (prefix) {
    return getJSON(base + "finder/v1/search/" + prefix + ".json");
  });
};

// Activities held nowhere: online only (the "held" column is 0).
Finder.prototype.isOnline = function (n) {
  if (this.shape.held === undefined) return false;
  var h = this.index.items[n][this.shape.held];
  return !h || (Array.isArray(h) && !h.some(Boolean));
};

// The text filter's set narrowed to what "Within" keeps.
function both(textSet, keep) {
  if (!keep) return textSet;
  if (!textSet) return keep;
  return new Set(Array.from(textSet).filter(function (n) { return keep.has(n); }));
}

Finder.prototype.evaluate = function (state, textSet) {
  return evaluate(this.index, this.shape, state, textSet);
};

// An address opened with a full postcode in it (near=SE15+4QL) is rewritten at once to
// the district alone, so the postcode is not kept in the history or shared onwards.
Finder.prototype.nearRewritten = function (params) {
  var now = new URLSearchParams(window.location.search).get("near");
  return now !== null && now !== new URLSearchParams(params).get("near");
};

Finder.prototype.update = function (push, initial) {
  this.syncQuick();
  this.showAgeError();
  var self = this, state = this.readState();
  var filtered = this.alwaysResults || this.isFiltered(state);
  var params = this.stateToParams(state).toString();
  var url = window.location.pathname + (params ? "?" + params : "");
  if (push && !this.embedded && url !== window.location.pathname + window.location.search) {
    window.history.pushState({ chFinder: true }, "", url);
  } else if (!initial || this.nearRewritten(params)) {
    window.history.replaceState({ chFinder: true }, "", url);
  }
  var token = ++this.renderToken;
  return Promise.all([this.textMatches(state.q), this.near.resolve(state)]).then(function (found) {
    if (token !== self.renderToken) return;
    var textSet = found[0], nearby = found[1];
    self.nearby = nearby;
    self.near.showProblem(nearby.problem);
    var outcome = self.evaluate(state, both(textSet, nearby.keep));
    self.state = state;
    self.outcome = outcome;
    self.shown = PAGE_SIZE;
    self.showCounts(outcome);
    var inUse = self.showChips(state);
    if (self.panel) self.panel.describe(filtered ? outcome.results.length : self.index.count, inUse);
    self.root.classList.toggle("ch-finder--filtered", filtered);
    if (!filtered) {
      document.documentElement.classList.remove("ch-finder-pending");
      self.results.hidden = true;
      self.empty.hidden = true;
      self.more.hidden = true;
      self.count.textContent = "Showing all " + plural(self.index.count, "activity", "activities") + ".";
      return;
    }
    // The results column keeps its height until they are shown (directory.css), so
    // the footer moves only once, off screen.
    function shown() { document.documentElement.classList.remove("ch-finder-pending"); }
    return self.render(true).then(shown, function (err) { shown(); throw err; });
  });
};

Finder.prototype.showCounts = function (outcome) {
  var self = this;
  this.root.querySelectorAll(".ch-opt-count").forEach(function (span) {
    var facet = span.getAttribute("data-facet"), value = span.getAttribute("data-value"), n;
    if (TOGGLES.indexOf(facet) >= 0) n = outcome[facet];
    else {
      var f = self.facetNames.indexOf(facet);
      n = f >= 0 ? outcome.counts[f][self.index.facets[f].options.indexOf(value)] : 0;
    }
    span.textContent = "(" + n + ")";
    span.parentNode.classList.toggle("ch-check--none", n === 0);
  });
  this.form.querySelectorAll("[data-facet-selected]").forEach(function (marker) {
    var chosen = self.state.facets[marker.getAttribute("data-facet-selected")].length;
    marker.textContent = chosen ? "(" + chosen + " selected)" : "";
  });
};

Finder.prototype.render = function (fresh) {
  var self = this, results = this.outcome.results, total = results.length;
  if (!total) {
    this.results.hidden = true;
    this.more.hidden = true;
    return this.showEmpty().then(function () {
      self.count.textContent = "No activities match your search.";
    });
  }
  this.empty.hidden = true;
  results = this.placeOrder(results);
  var visible = results.slice(0, this.shown);
  var size = this.index.chunk_size;
  var chunks = Array.from(new Set(visible.map(function (n) { return Math.floor(n / size); })));
  var token = this.renderToken;
  return Promise.all(chunks.map(function (c) {
    return getJSON(self.base + "finder/v1/items/" + c + ".json").then(function (data) { return [c, data]; });
  })).then(function (loaded) {
    if (token !== self.renderToken) return;
    var byChunk = new Map(loaded);
    var list = document.createDocumentFragment(), group = null, ul = null;
    var place = self.nearby.place, miles = self.nearby.miles, noted = false;
    visible.forEach(function (n) {
      var record = byChunk.get(Math.floor(n / size))[n % size];
      var heading = self.groupHeading(n, record);
      if (heading !== group) {
        group = heading;
        list.appendChild(el("h2", { "class": "ch-results__group" }, group));
        // Said once: how the distances are measured.
        if (place && !noted && self.nearGroup.get(n) === "near") {
          noted = true;
          list.appendChild(el("p", { "class": "ch-results__note" }, "Distances are in a straight line from " +
            (place.code ? "the middle of " + place.code : "your location") + ", not by road."));
        }
        ul = el("ul", { "class": "ch-cards" });
        list.appendChild(ul);
      }
      var card = activityCard(record, self.base, !self.embedded);
      if (place && self.nearGroup.get(n) === "near") {
        var distance = el("p", { "class": "ch-card__distance" });
        distance.appendChild(el("strong", null, milesText(miles[n])));
        distance.appendChild(document.createTextNode(place.code ? " from " + place.code : " from you"));
        var provider = card.querySelector(".ch-card__provider");
        card.insertBefore(distance, provider ? provider.nextSibling : null);
      }
      ul.appendChild(card);
    });
    var firstNew = fresh ? null : self.results.querySelectorAll(".ch-card").length;
    self.results.replaceChildren(list);
    self.results.hidden = false;
    // The count changes last, so it is announced once the list it describes is there.
    self.count.textContent = plural(total, "activity matches", "activities match") + " your search.";
    // With the controls hidden (an embed's controls=none) the problem is said here.
    if (self.nearby.problem && self.root.classList.contains("ch-finder--bare")) {
      self.count.textContent = self.nearby.problem + " " + self.count.textContent;
    }
    self.more.hidden = total <= self.shown;
    self.more.textContent = "Show more results (" + Math.min(PAGE_SIZE, total - self.shown) + " more of " + total + ")";
    refreshShortlistControls(self.results);
    if (firstNew !== null) {
      var next = self.results.querySelectorAll(".ch-card")[firstNew];
      if (next) { var link = next.querySelector("a"); if (link) link.focus(); }
    }
  });
};

// The chosen boroughs' bitmask words, or null when none is chosen.
Finder.prototype.chosenBoroughs = function () {
  var f = this.facetNames.indexOf("borough");
  if (f < 0 || this.shape.held === undefined) return null;
  return selection([this.shape.facets[f]], this.index.word_bits, this.state)[0];
};

// Results in the order to show them: with boroughs chosen, those held in them first,
// then those held elsewhere that serve them, then online ones; otherwise as listed
// (grouped by the borough they are held in, then online).
Finder.prototype.placeOrder = function (results) {
  var self = this;
  this.nearGroup = new Map();
  if (this.nearby.place) {
    var sorted = byDistance(results, this.nearby.miles, function (n) { return self.isOnline(n); });
    ["near", "unknown", "online"].forEach(function (name) {
      sorted[name].forEach(function (n) { self.nearGroup.set(n, name); });
    });
    return sorted.near.concat(sorted.unknown, sorted.online);
  }
  var chosen = this.chosenBoroughs(), items = this.index.items, held = this.shape.held;
  if (!chosen) return results;
  var inside = [], elsewhere = [], online = [];
  results.forEach(function (n) {
    var h = items[n][held];
    if (!h || (Array.isArray(h) && !h.some(Boolean))) online.push(n);
    else if (intersects(h, chosen)) inside.push(n);
    else elsewhere.push(n);
  });
  return inside.concat(elsewhere, online);
};

Finder.prototype.groupHeading = function (n, record) {
  var nearGroup = this.nearGroup && this.nearGroup.get(n);
  if (nearGroup === "near") {
    return "Nearest first, from " + (this.nearby.place.code || "your location");
  }
  if (nearGroup === "unknown") return "In person, distance not known";
  if (record.g === "Online") return "Online";
  var chosen = this.chosenBoroughs();
  if (chosen && !intersects(this.index.items[n][this.shape.held], chosen)) {
    var form = this.form, names = this.state.facets.borough.map(function (code) {
      var box = form.querySelector("input[name=borough][value='" + code + "']");
      return box ? optionLabel(box) : code;
    });
    return "Held elsewhere, also serving " + names.join(" or ");
  }
  return "Held in " + record.g;
};

// The empty state: which single change would bring results back, and how many.
Finder.prototype.showEmpty = function () {
  var self = this, state = this.state, options = [];
  var labels = {};
  this.form.querySelectorAll("input[type=checkbox][name]").forEach(function (box) {
    labels[box.name + "=" + box.value] = optionLabel(box);
  });
  function without(change) { return changed(state, self.facetNames, change); }
  this.facetNames.forEach(function (name) {
    if (state.facets[name].length) {
      var title = self.root.querySelector("#ch-facet-" + name + " summary").firstChild.textContent.trim();
      var chosen = state.facets[name].map(function (v) { return labels[name + "=" + v] || v; }).join(", ");
      options.push({ relax: "facet:" + name, label: title + ": " + chosen, state: without(function (s) { s.facets[name] = []; }) });
    }
  });
  TOGGLES.forEach(function (name) {
    if (state[name]) options.push({ relax: name, label: TOGGLE_LABELS[name], state: without(function (s) { s[name] = false; }) });
  });
  if (state.age !== null) options.push({ relax: "age", label: "Age " + state.age, state: without(function (s) { s.age = null; }) });
  if (state.within !== null && this.nearby.place) {
    options.push({ relax: "within", label: "Within " + milesText(state.within), state: without(function (s) { s.within = null; }) });
  }
  if (state.q) options.push({ relax: "q", label: "Search \u201c" + state.q + "\u201d", state: without(function (s) { s.q = ""; }) });
  return Promise.all(options.map(function (option) {
    return Promise.all([self.textMatches(option.state.q), self.near.resolve(option.state)]).then(function (found) {
      option.count = self.evaluate(option.state, both(found[0], found[1].keep)).results.length;
      return option;
    });
  })).then(function (counted) {
    var box = self.empty;
    box.replaceChildren();
    box.appendChild(el("p", null, "No activities match all of these filters."));
    var helpful = counted.filter(function (o) { return o.count > 0; })
      .sort(function (a, b) { return b.count - a.count; });
    if (helpful.length) {
      box.appendChild(el("p", null, "Try removing one filter:"));
      var ul = el("ul", { "class": "ch-relax" });
      helpful.forEach(function (option) {
        var li = el("li");
        li.appendChild(el("button", { type: "button", "class": "ch-button ch-button--secondary", "data-relax": option.relax },
          "Remove " + option.label + " (" + plural(option.count, "result", "results") + ")"));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    } else {
      box.appendChild(el("p", null, "Try fewer filters, or reset them to see every activity."));
    }
    box.hidden = false;
  });
};

Finder.prototype.relax = function (what) {
  var form = this.form;
  if (what.indexOf("facet:") === 0) {
    var name = what.slice(6);
    form.querySelectorAll("input[type=checkbox][name]").forEach(function (box) { if (box.name === name) box.checked = false; });
  } else if (TOGGLES.indexOf(what) >= 0) {
    form.querySelector("input[name=" + what + "]").checked = false;
  } else if (what === "age") {
    form.querySelector("#ch-age").value = "";
  } else if (what === "q") {
    form.querySelector("#ch-q").value = "";
  } else if (what === "within") {
    form.querySelector("#ch-within").value = "";
  }
  this.syncQuick();
  this.update(true);
  this.count.focus();
};

