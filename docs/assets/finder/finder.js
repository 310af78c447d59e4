/*
 * The activity finder on /find/ (and its embed): progressive enhancement over the
 * server-rendered list. Reads the form into a state, keeps the address in step, and
 * shows results, option counts and, when nothing matches, which filter to remove.
 */
import { el, getJSON, plural } from "./util.js";
import { loadTextRules } from "./words.js";
import { changed, isFiltered, readState, stateToParams } from "./state.js";
import { layout, textMatches } from "./match.js";
import { evaluate } from "./counts.js";
import { activityCard } from "./cards.js";
import { refreshShortlistControls } from "./shortlist.js";

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
    var params = new URLSearchParams(window.location.search);
    self.root.classList.toggle("ch-finder--bare", params.get("controls") === "none");
    self.setControls(params);
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
    if (event.target.name === "q" || event.target.name === "age") return;
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
  this.root.querySelector("#ch-reset").addEventListener("click", function () {
    self.form.reset();
    self.typing = false;
    self.update(true);
    self.form.querySelector("#ch-q").focus();
  });
  this.more.addEventListener("click", function () {
    self.shown += PAGE_SIZE;
    self.render(false);
  });
  this.empty.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-relax]");
    if (button) self.relax(button.getAttribute("data-relax"));
  });
};

Finder.prototype.readState = function () {
  return readState(new FormData(this.form), this.facetNames);
};

Finder.prototype.stateToParams = function (state) {
  return stateToParams(state, this.facetNames, new URLSearchParams(window.location.search));
};

Finder.prototype.setControls = function (params) {
  var form = this.form;
  form.querySelector("#ch-q").value = params.get("q") || "";
  form.querySelector("#ch-age").value = params.get("age") || "";
  form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
    box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
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

Finder.prototype.evaluate = function (state, textSet) {
  return evaluate(this.index, this.shape, state, textSet);
};

Finder.prototype.update = function (push, initial) {
  var self = this, state = this.readState();
  var filtered = this.alwaysResults || this.isFiltered(state);
  var params = this.stateToParams(state).toString();
  var url = window.location.pathname + (params ? "?" + params : "");
  if (push && !this.embedded && url !== window.location.pathname + window.location.search) {
    window.history.pushState({ chFinder: true }, "", url);
  } else if (!initial) {
    window.history.replaceState({ chFinder: true }, "", url);
  }
  var token = ++this.renderToken;
  return this.textMatches(state.q).then(function (textSet) {
    if (token !== self.renderToken) return;
    var outcome = self.evaluate(state, textSet);
    self.state = state;
    self.outcome = outcome;
    self.shown = PAGE_SIZE;
    self.showCounts(outcome);
    self.root.classList.toggle("ch-finder--filtered", filtered);
    document.documentElement.classList.remove("ch-finder-pending");
    if (!filtered) {
      self.results.hidden = true;
      self.empty.hidden = true;
      self.more.hidden = true;
      self.count.textContent = "Showing all " + plural(self.index.count, "activity", "activities") + ".";
      return;
    }
    return self.render(true);
  });
};

Finder.prototype.showCounts = function (outcome) {
  var self = this;
  this.root.querySelectorAll(".ch-opt-count").forEach(function (span) {
    var facet = span.getAttribute("data-facet"), value = span.getAttribute("data-value"), n;
    if (facet === "free") n = outcome.free;
    else if (facet === "active") n = outcome.active;
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
    visible.forEach(function (n) {
      var record = byChunk.get(Math.floor(n / size))[n % size];
      if (record.g !== group) {
        group = record.g;
        list.appendChild(el("h2", { "class": "ch-results__group" }, group));
        ul = el("ul", { "class": "ch-cards" });
        list.appendChild(ul);
      }
      ul.appendChild(activityCard(record, self.base, !self.embedded));
    });
    var firstNew = fresh ? null : self.results.querySelectorAll(".ch-card").length;
    self.results.replaceChildren(list);
    self.results.hidden = false;
    // The count changes last, so it is announced once the list it describes is there.
    self.count.textContent = plural(total, "activity matches", "activities match") + " your search.";
    self.more.hidden = total <= self.shown;
    self.more.textContent = "Show more results (" + Math.min(PAGE_SIZE, total - self.shown) + " more of " + total + ")";
    refreshShortlistControls(self.results);
    if (firstNew !== null) {
      var next = self.results.querySelectorAll(".ch-card")[firstNew];
      if (next) { var link = next.querySelector("a"); if (link) link.focus(); }
    }
  });
};

// The empty state: which single change would bring results back, and how many.
Finder.prototype.showEmpty = function () {
  var self = this, state = this.state, options = [];
  var labels = {};
  this.form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
    labels[box.name + "=" + box.value] = box.parentNode.firstChild.nextSibling.textContent.trim();
  });
  function without(change) { return changed(state, self.facetNames, change); }
  this.facetNames.forEach(function (name) {
    if (state.facets[name].length) {
      var title = self.root.querySelector("#ch-facet-" + name + " summary").firstChild.textContent.trim();
      var chosen = state.facets[name].map(function (v) { return labels[name + "=" + v] || v; }).join(", ");
      options.push({ relax: "facet:" + name, label: title + ": " + chosen, state: without(function (s) { s.facets[name] = []; }) });
    }
  });
  if (state.free) options.push({ relax: "free", label: "Free only", state: without(function (s) { s.free = false; }) });
  if (state.active) options.push({ relax: "active", label: "Hide paused and closed", state: without(function (s) { s.active = false; }) });
  if (state.age !== null) options.push({ relax: "age", label: "Age " + state.age, state: without(function (s) { s.age = null; }) });
  if (state.q) options.push({ relax: "q", label: "Search \u201c" + state.q + "\u201d", state: without(function (s) { s.q = ""; }) });
  return Promise.all(options.map(function (option) {
    return self.textMatches(option.state.q).then(function (textSet) {
      option.count = self.evaluate(option.state, textSet).results.length;
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
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) { if (box.name === name) box.checked = false; });
  } else if (what === "free" || what === "active") {
    form.querySelector("input[name=" + what + "]").checked = false;
  } else if (what === "age") {
    form.querySelector("#ch-age").value = "";
  } else if (what === "q") {
    form.querySelector("#ch-q").value = "";
  }
  this.update(true);
  this.count.focus();
};

