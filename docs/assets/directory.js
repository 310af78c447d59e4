/*
 * Creative Health Directory: the activity finder, shortlist buttons and shortlist page.
 *
 * Progressive enhancement over server-rendered lists. No dependencies, no requests
 * beyond this site's own finder data, and provider text is only ever inserted with
 * textContent. Runs on every page load, including Material's instant navigation
 * (document$), and never relies on DOMContentLoaded alone.
 */
(function () {
  "use strict";

  var STORE_KEY = "creative-health.shortlist.v1";
  var KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var SAFE_HREF = /^(https?:|mailto:|tel:)/i;
  var PAGE_SIZE = 50;
  var STOPWORDS = new Set(("a an and are as at be by for from has have in is it its of on or our " +
    "that the their there this to was we were will with you your").split(" "));
  var SINGLE = ["q", "age", "free", "active"];
  var FINDER_PATH = /\/find\/$/;  // as in the head script (overrides/main.html)

  // ------------------------------------------------------------------ helpers

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (attrs[name] !== undefined && attrs[name] !== null) node.setAttribute(name, attrs[name]);
      });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  var fetchCache = new Map();
  function getJSON(url) {
    if (!fetchCache.has(url)) {
      fetchCache.set(url, fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }).catch(function (err) { fetchCache.delete(url); throw err; }));
    }
    return fetchCache.get(url);
  }

  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2019]/g, "");
  }

  function queryWords(text) {
    return normalise(text).split(/[^a-z0-9]+/).filter(function (w) {
      return w.length >= 2 && !STOPWORDS.has(w);
    });
  }

  var live;
  function announce(message) {
    if (!live || !document.body.contains(live)) {
      live = el("div", { "class": "ch-visually-hidden", role: "status", "aria-live": "polite" });
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  // ---------------------------------------------------------------- shortlist

  function readShortlist() {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE_KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (k) { return typeof k === "string" && KEY_RE.test(k); }) : [];
    } catch (e) {
      return [];
    }
  }

  function writeShortlist(keys) {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(keys)); } catch (e) { /* storage off */ }
    refreshShortlistControls(document);
  }

  function refreshShortlistControls(root) {
    var keys = new Set(readShortlist());
    root.querySelectorAll(".ch-shortlist-toggle").forEach(function (button) {
      var on = keys.has(button.getAttribute("data-key"));
      button.classList.toggle("ch-shortlist-toggle--on", on);
      button.firstChild.textContent = on ? "Remove from shortlist" : "Add to shortlist";
    });
    document.querySelectorAll(".ch-shortlist-count").forEach(function (count) {
      count.textContent = "(" + keys.size + ")";
    });
  }

  function onShortlistClick(event) {
    var button = event.target.closest ? event.target.closest(".ch-shortlist-toggle") : null;
    if (!button) return;
    var key = button.getAttribute("data-key");
    var name = button.getAttribute("data-name") || "Activity";
    var keys = readShortlist();
    var at = keys.indexOf(key);
    if (at >= 0) {
      keys.splice(at, 1);
      announce(name + " removed from your shortlist. " + plural(keys.length, "activity", "activities") + " on it.");
    } else {
      keys.push(key);
      announce(name + " added to your shortlist. " + plural(keys.length, "activity", "activities") + " on it.");
    }
    writeShortlist(keys);
  }

  // ------------------------------------------------------------------- finder

  function Finder(root) {
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
    return getJSON(this.base + "finder/v1/index.json").then(function (index) {
      self.index = index;
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
    var data = new FormData(this.form);
    var state = { q: (data.get("q") || "").trim(), age: null, free: data.get("free") === "1",
                  active: data.get("active") === "1", facets: {} };
    var age = parseInt(data.get("age"), 10);
    if (!isNaN(age) && age >= 0 && age <= 120) state.age = age;
    this.facetNames.forEach(function (name) { state.facets[name] = data.getAll(name); });
    return state;
  };

  Finder.prototype.stateToParams = function (state) {
    // Parameters the finder does not own (such as an embed's controls=none) are kept.
    var owned = new Set(SINGLE.concat(this.facetNames));
    var params = new URLSearchParams();
    new URLSearchParams(window.location.search).forEach(function (value, name) {
      if (!owned.has(name)) params.append(name, value);
    });
    if (state.q) params.set("q", state.q);
    this.facetNames.forEach(function (name) {
      state.facets[name].forEach(function (value) { params.append(name, value); });
    });
    if (state.age !== null) params.set("age", String(state.age));
    if (state.free) params.set("free", "1");
    if (state.active) params.set("active", "1");
    return params;
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
    return Boolean(state.q) || state.age !== null || state.free || state.active ||
      this.facetNames.some(function (name) { return state.facets[name].length > 0; });
  };

  // Selected options of each facet as bitmask words (OR within a facet).
  Finder.prototype.selection = function (state) {
    var bits = this.index.word_bits;
    return this.index.facets.map(function (facet) {
      var chosen = state.facets[facet.name];
      if (!chosen.length) return null;
      var words = new Array(Math.ceil(facet.options.length / bits) || 1).fill(0);
      chosen.forEach(function (code) {
        var i = facet.options.indexOf(code);
        if (i >= 0) words[Math.floor(i / bits)] |= (1 << (i % bits));
      });
      return words;
    });
  };

  function intersects(value, words) {
    if (typeof value === "number") return (value & words[0]) !== 0;
    for (var w = 0; w < words.length; w++) if ((value[w] || 0) & words[w]) return true;
    return false;
  }

  function eachBit(value, bits, callback) {
    var words = typeof value === "number" ? [value] : value;
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      for (var b = 0; word; b++, word >>>= 1) if (word & 1) callback(w * bits + b);
    }
  }

  // The text filter: activity numbers matching every query word (by prefix), or null.
  Finder.prototype.textMatches = function (query) {
    var words = queryWords(query);
    if (!words.length) return Promise.resolve(null);
    var index = this.index, base = this.base, shards = new Set(index.shards);
    return Promise.all(words.map(function (word) {
      var prefix = word.slice(0, 2);
      if (!shards.has(prefix)) return Promise.resolve(new Set());
      return getJSON(base + "finder/v1/search/" + prefix + ".json").then(function (shard) {
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
  };

  // One pass over the index: the results and, for each option, how many results
  // choosing it would give (counted against every other active filter).
  Finder.prototype.evaluate = function (state, textSet) {
    var index = this.index, items = index.items, flags = index.flags, bits = index.word_bits;
    var nf = index.facets.length, FREE = nf, ACTIVE = nf + 1;
    var selected = this.selection(state);
    var counts = index.facets.map(function (f) { return new Array(f.options.length).fill(0); });
    var freeCount = 0, activeCount = 0, results = [];
    var inactive = flags.paused | flags.closed;

    function addCounts(item, only) {
      for (var f = 0; f < nf; f++) {
        if (only !== undefined && only !== f) continue;
        eachBit(item[f], bits, function (i) { counts[f][i]++; });
      }
      if ((only === undefined || only === FREE) && (item[nf + 2] & flags.free)) freeCount++;
      if ((only === undefined || only === ACTIVE) && !(item[nf + 2] & inactive)) activeCount++;
    }

    for (var n = 0; n < items.length; n++) {
      if (textSet && !textSet.has(n)) continue;
      var item = items[n];
      if (state.age !== null && (item[nf] > state.age || item[nf + 1] < state.age)) continue;
      var failures = 0, failed = -1;
      for (var f = 0; f < nf && failures < 2; f++) {
        if (selected[f] && !intersects(item[f], selected[f])) { failures++; failed = f; }
      }
      if (failures < 2 && state.free && !(item[nf + 2] & flags.free)) { failures++; failed = FREE; }
      if (failures < 2 && state.active && (item[nf + 2] & inactive)) { failures++; failed = ACTIVE; }
      if (failures === 0) { results.push(n); addCounts(item); }
      else if (failures === 1) addCounts(item, failed);
    }
    return { results: results, counts: counts, free: freeCount, active: activeCount };
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
        ul.appendChild(self.card(record));
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

  Finder.prototype.card = function (record) {
    var li = el("li", { "class": "ch-card", "data-key": record.k });
    var h3 = el("h3", { "class": "ch-card__title" });
    h3.appendChild(el("a", { href: this.base + record.u }, record.n));
    li.appendChild(h3);
    li.appendChild(el("p", { "class": "ch-card__provider" }, record.p));
    if (record.st) {
      var status = el("p", { "class": "ch-status" });
      status.appendChild(el("strong", null, record.st));
      li.appendChild(status);
    }
    li.appendChild(el("p", { "class": "ch-card__summary" }, record.s));
    var dl = el("dl", { "class": "ch-facts ch-card__facts" });
    [["When", record.w], ["Where", record.l], ["Cost", record.c], ["How to join", record.j]].forEach(function (pair) {
      var row = el("div");
      row.appendChild(el("dt", null, pair[0]));
      row.appendChild(el("dd", null, pair[1]));
      dl.appendChild(row);
    });
    li.appendChild(dl);
    if (this.embedded) return li;
    var button = el("button", { type: "button", "class": "ch-shortlist-toggle", "data-key": record.k, "data-name": record.n }, "Add to shortlist");
    button.appendChild(el("span", { "class": "ch-visually-hidden" }, ": " + record.n));
    li.appendChild(button);
    return li;
  };

  // The empty state: which single change would bring results back, and how many.
  Finder.prototype.showEmpty = function () {
    var self = this, state = this.state, options = [];
    var labels = {};
    this.form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      labels[box.name + "=" + box.value] = box.parentNode.firstChild.nextSibling.textContent.trim();
    });
    function without(change) {
      var copy = { q: state.q, age: state.age, free: state.free, active: state.active, facets: {} };
      self.facetNames.forEach(function (name) { copy.facets[name] = state.facets[name].slice(); });
      change(copy);
      return copy;
    }
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

  var activeFinder = null;

  function onPopState() {
    if (!activeFinder || !document.body.contains(activeFinder.root) || !activeFinder.index) return;
    activeFinder.setControls(new URLSearchParams(window.location.search));
    activeFinder.typing = false;
    activeFinder.update(false, true);
  }

  // ------------------------------------------------------------ shortlist page

  function ShortlistPage(root) {
    this.root = root;
    this.base = root.getAttribute("data-root") || "./";
    this.list = root.querySelector("#ch-shortlist-items");
    this.status = root.querySelector("#ch-shortlist-status");
    var shared = new URLSearchParams(window.location.search).get("items");
    this.shared = shared !== null ? shared.split(",").filter(function (k) { return KEY_RE.test(k); }) : null;
  }

  ShortlistPage.prototype.keys = function () { return this.shared || readShortlist(); };

  ShortlistPage.prototype.start = function () {
    var self = this, root = this.root;
    root.querySelector("#ch-handout-date").textContent =
      new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    root.querySelector("#ch-shortlist-print").addEventListener("click", function () { window.print(); });
    root.querySelector("#ch-shortlist-copy").addEventListener("click", function () { self.copy(); });
    root.querySelector("#ch-shortlist-clear").addEventListener("click", function () {
      writeShortlist([]);
      self.render();
      announce("Shortlist cleared.");
    });
    root.querySelector("#ch-shortlist-keep").addEventListener("click", function () {
      var keys = readShortlist();
      self.shared.forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
      writeShortlist(keys);
      self.shared = null;
      window.history.replaceState(null, "", window.location.pathname);
      self.render();
      announce("Added to your shortlist.");
    });
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-remove]");
      if (!button) return;
      var key = button.getAttribute("data-remove");
      writeShortlist(readShortlist().filter(function (k) { return k !== key; }));
      var item = button.closest("li");
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      self.afterChange();
      announce(button.getAttribute("data-name") + " removed from your shortlist.");
      var focusTarget = next ? next.querySelector("button[data-remove]") : root.querySelector("#ch-shortlist-empty a");
      if (focusTarget) focusTarget.focus();
    });
    return this.render();
  };

  ShortlistPage.prototype.shareUrl = function () {
    var keys = this.keys();
    var url = new URL(window.location.href);
    url.search = keys.length ? "?items=" + keys.join(",") : "";
    url.hash = "";
    return url.toString();
  };

  ShortlistPage.prototype.copy = function () {
    var self = this, input = this.root.querySelector("#ch-shortlist-url");
    input.value = this.shareUrl();
    function done() { self.status.textContent = "Link copied. Paste it into an email or a note to open this shortlist elsewhere."; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); done(); });
    } else {
      input.select();
      try { document.execCommand("copy"); } catch (e) { /* the selected link can be copied by hand */ }
      done();
    }
  };

  ShortlistPage.prototype.afterChange = function () {
    var count = this.list.children.length;
    this.root.querySelector("#ch-shortlist-empty").hidden = count > 0;
    this.root.querySelector("#ch-shortlist-tools").hidden = count === 0;
    this.root.querySelector("#ch-shortlist-url").value = this.shareUrl();
  };

  ShortlistPage.prototype.render = function () {
    var self = this, keys = this.keys();
    this.root.querySelector("#ch-shortlist-shared").hidden = !this.shared || !this.shared.length;
    var slugs = Array.from(new Set(keys.map(function (k) { return k.split("/")[0]; }))).filter(function (s) { return SLUG_RE.test(s); });
    return Promise.all(slugs.map(function (slug) {
      return getJSON(self.base + "finder/v1/providers/" + slug + ".json").then(
        function (data) { return [slug, data]; }, function () { return [slug, null]; });
    })).then(function (loaded) {
      var providers = new Map(loaded);
      var fragment = document.createDocumentFragment();
      keys.forEach(function (key) {
        var parts = key.split("/"), provider = providers.get(parts[0]);
        var activity = provider && provider.activities[parts[1]];
        fragment.appendChild(self.item(key, provider, activity));
      });
      self.list.replaceChildren(fragment);
      self.afterChange();
    });
  };

  function factRow(dl, term, nodes) {
    var row = el("div");
    row.appendChild(el("dt", null, term));
    var dd = el("dd");
    nodes.forEach(function (node) { dd.appendChild(typeof node === "string" ? document.createTextNode(node) : node); });
    row.appendChild(dd);
    dl.appendChild(row);
  }

  function link(href, text) {
    return SAFE_HREF.test(href) ? el("a", { href: href }, text) : document.createTextNode(text);
  }

  ShortlistPage.prototype.item = function (key, provider, activity) {
    var li = el("li", { "class": "ch-handout__item", "data-key": key });
    if (!activity) {
      li.appendChild(el("h2", null, "An activity that is no longer listed"));
      li.appendChild(el("p", null, "This activity has been removed from the directory."));
    } else {
      var h2 = el("h2");
      h2.appendChild(el("a", { href: this.base + activity.url }, activity.name));
      li.appendChild(h2);
      li.appendChild(el("p", { "class": "ch-card__provider" }, "Run by " + provider.name));
      if (activity.status) {
        var status = el("p", { "class": "ch-status" });
        status.appendChild(el("strong", null, activity.status));
        li.appendChild(status);
      }
      var dl = el("dl", { "class": "ch-facts" });
      factRow(dl, "When", activity.when.map(function (line, i) {
        return i ? (function () { var s = el("span"); s.appendChild(el("br")); s.appendChild(document.createTextNode(line)); return s; })() : line;
      }));
      factRow(dl, "Where", [activity.where]);
      factRow(dl, "Cost", [activity.cost]);
      var how = [activity.routes.join(", ") + ". " + activity.how];
      if (activity.email) { how.push(el("br")); how.push(link("mailto:" + activity.email, activity.email)); }
      if (activity.phone) { how.push(el("br")); how.push(link(activity.tel || "", activity.phone)); }
      if (activity.referral_url) { how.push(el("br")); how.push(link(activity.referral_url, activity.referral_url)); }
      factRow(dl, "How to join", how);
      var contact = provider.contact, who = [contact.name + (contact.role ? ", " + contact.role : "")];
      if (contact.email) { who.push(el("br")); who.push(link("mailto:" + contact.email, contact.email)); }
      if (contact.phone) { who.push(el("br")); who.push(link(contact.tel || "", contact.phone)); }
      factRow(dl, "Contact", who);
      var reviewed = [el("time", { datetime: provider.reviewed_iso }, provider.reviewed)];
      if (provider.stale) reviewed.push(" (may be out of date: check with the provider)");
      factRow(dl, "Last reviewed", reviewed);
      li.appendChild(dl);
    }
    if (!this.shared) {
      var name = activity ? activity.name : "Activity";
      var remove = el("button", { type: "button", "class": "ch-button ch-button--secondary ch-no-print", "data-remove": key, "data-name": name }, "Remove");
      remove.appendChild(el("span", { "class": "ch-visually-hidden" }, " " + name + " from the shortlist"));
      li.appendChild(remove);
    }
    return li;
  };


  // ------------------------------------------------------------ embed builder

  function escapeAttribute(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // The fewest permissions an embed needs (docs/for-websites/index.md explains each):
  // its own small script (the height, and the finder's filters) and links that open in
  // the whole window when the visitor clicks them.
  var EMBED_SANDBOX = "allow-scripts allow-top-navigation-by-user-activation";

  function Builder(root) {
    this.root = root;
    this.form = root.querySelector("#ch-builder-form");
    this.snippet = root.querySelector("#ch-builder-snippet");
    this.preview = root.querySelector("#ch-builder-preview");
    this.status = root.querySelector("#ch-builder-status");
    this.siteRoot = new URL(root.getAttribute("data-root") || "./", window.location.href);
    this.directory = root.getAttribute("data-directory") || "";
  }

  Builder.prototype.start = function () {
    var self = this;
    if (!document.querySelector("script[data-ch-embed-host]")) {
      var host = el("script", { src: new URL("assets/embed.js", this.siteRoot).href, "data-ch-embed-host": "" });
      document.head.appendChild(host);
    }
    this.form.addEventListener("input", function () { self.schedule(); });
    this.form.addEventListener("change", function () { self.schedule(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.root.querySelector("#ch-builder-copy").addEventListener("click", function () { self.copy(); });
    return this.update();
  };

  Builder.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.update(); }, 200);
  };

  Builder.prototype.choice = function () {
    var data = new FormData(this.form), kind = data.get("kind"), form = this.form;
    function label(select) {
      var option = form.querySelector(select).selectedOptions[0];
      return option ? option.textContent.trim() : "";
    }
    if (kind === "borough") {
      return Promise.resolve({ path: "embed/boroughs/" + data.get("borough") + "/",
        title: "Creative health activities in " + label("#ch-builder-borough") });
    }
    if (kind === "pathway") {
      return Promise.resolve({ path: "embed/pathways/" + data.get("pathway") + "/",
        title: label("#ch-builder-pathway") + ": creative health activities" });
    }
    if (kind === "provider") {
      var slug = String(data.get("provider") || "").trim();
      if (!SLUG_RE.test(slug)) return Promise.resolve({ error: "Type the provider code from its page address, such as " + (this.form.querySelector("#ch-builder-provider").defaultValue || "peckham-print") + "." });
      return getJSON(new URL("finder/v1/providers/" + slug + ".json", this.siteRoot).href).then(function (provider) {
        return { path: "embed/providers/" + slug + "/", title: provider.name + ": creative health activities" };
      }, function () {
        return { error: "There is no provider with the code " + slug + "." };
      });
    }
    var params = new URLSearchParams();
    data.getAll("f-borough").forEach(function (v) { params.append("borough", v); });
    data.getAll("f-pathway").forEach(function (v) { params.append("pathway", v); });
    if (data.get("f-free")) params.set("free", "1");
    if (data.get("f-active")) params.set("active", "1");
    if (!data.get("f-controls")) params.set("controls", "none");
    var query = params.toString();
    return Promise.resolve({ path: "embed/find/" + (query ? "?" + query : ""), title: "Creative health activities" });
  };

  Builder.prototype.update = function () {
    var self = this, data = new FormData(this.form);
    var kind = data.get("kind");
    this.root.querySelectorAll(".ch-builder__choice").forEach(function (box) {
      box.hidden = box.getAttribute("data-kind") !== kind;
    });
    var auto = data.get("height") === "auto";
    var pixels = parseInt(data.get("pixels"), 10);
    if (!(pixels >= 200 && pixels <= 4000)) pixels = 600;
    var token = (this.token = (this.token || 0) + 1);
    return this.choice().then(function (choice) {
      if (token !== self.token) return;
      if (choice.error) {
        self.status.textContent = choice.error;
        return;
      }
      self.status.textContent = "";
      var src = new URL(choice.path, self.siteRoot).href;
      var title = choice.title + " (" + self.directory + ")";
      var sandbox = EMBED_SANDBOX;
      var code = "<iframe src=\"" + escapeAttribute(src) + "\" title=\"" + escapeAttribute(title) +
        "\" sandbox=\"" + sandbox + "\" loading=\"lazy\" width=\"100%\" height=\"" + pixels +
        "\" style=\"border:0;width:100%\"" + (auto ? " data-creative-health-embed" : "") + "></iframe>";
      if (auto) code += "\n<script src=\"" + escapeAttribute(new URL("assets/embed.js", self.siteRoot).href) + "\" defer></script>";
      self.snippet.value = code;
      // The site's Content-Security-Policy refuses style attributes; the CSSOM is fine.
      var frame = el("iframe", { src: src, title: title, sandbox: sandbox, width: "100%", height: String(pixels) });
      frame.style.border = "0";
      frame.style.width = "100%";
      if (auto) frame.setAttribute("data-creative-health-embed", "");
      self.preview.replaceChildren(frame);
    });
  };

  Builder.prototype.copy = function () {
    var self = this, text = this.snippet.value;
    function done() { self.status.textContent = "Code copied. Paste it into your page's HTML."; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { self.snippet.select(); done(); });
    } else {
      this.snippet.select();
      try { document.execCommand("copy"); } catch (e) { /* the selected code can be copied by hand */ }
      done();
    }
  };

  // -------------------------------------------------------------------- boot

  function boot() {
    refreshShortlistControls(document);
    var finderRoot = document.querySelector(".ch-finder--interactive");
    activeFinder = null;
    if (finderRoot) {
      activeFinder = new Finder(finderRoot);
      activeFinder.start();
    }
    var shortlistRoot = document.getElementById("ch-shortlist");
    if (shortlistRoot) new ShortlistPage(shortlistRoot).start();
    var builderRoot = document.getElementById("ch-builder");
    if (builderRoot) new Builder(builderRoot).start();
  }

  // The page head hides the full list when the finder will open filtered, but Material's
  // instant navigation swaps pages without running the head again. Its location$ emits
  // as each navigation starts (link or Back), before the new page is put in, so the
  // same rule is applied then; the finder clears it once its results are shown.
  function onLocation(url) {
    document.documentElement.classList.toggle("ch-finder-pending",
      FINDER_PATH.test(url.pathname) && url.search.length > 1);
  }

  document.addEventListener("click", onShortlistClick);
  window.addEventListener("popstate", onPopState);
  if (window.location$ && typeof window.location$.subscribe === "function") {
    window.location$.subscribe(onLocation);
  }
  window.addEventListener("storage", function (event) {
    if (event.key === STORE_KEY) refreshShortlistControls(document);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(boot);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
