/*
 * The shortlist: activity keys kept in this browser (localStorage), the "Add to
 * shortlist" buttons on every page, and the shortlist page (a printable handout, a
 * link to share it).
 */
import { announce, el, getJSON, plural } from "./util.js";
import { handoutItem, noteParagraphs, readNote, writeNote } from "./handout.js";

export var STORE_KEY = "creative-health.shortlist.v1";
export var KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
export var SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function readShortlist() {
  try {
    var value = JSON.parse(window.localStorage.getItem(STORE_KEY) || "[]");
    return Array.isArray(value) ? value.filter(function (k) { return typeof k === "string" && KEY_RE.test(k); }) : [];
  } catch (e) {
    return [];
  }
}

export function writeShortlist(keys) {
  try { window.localStorage.setItem(STORE_KEY, JSON.stringify(keys)); } catch (e) { /* storage off */ }
  refreshShortlistControls(document);
}

export function refreshShortlistControls(root) {
  var keys = new Set(readShortlist());
  root.querySelectorAll(".ch-shortlist-toggle").forEach(function (button) {
    var on = keys.has(button.getAttribute("data-key"));
    button.classList.toggle("ch-shortlist-toggle--on", on);
    button.firstChild.textContent = on ? "Remove from shortlist" : "Add to shortlist";
  });
  // The menu's "Your shortlist" link carries the count too (added once per page).
  document.querySelectorAll(".md-nav__link[href$='shortlist/'] .md-ellipsis").forEach(function (label) {
    if (!label.querySelector(".ch-shortlist-count")) {
      label.appendChild(document.createTextNode(" "));
      label.appendChild(el("span", { "class": "ch-shortlist-count" }));
    }
  });
  document.querySelectorAll(".ch-shortlist-count").forEach(function (count) {
    count.textContent = "(" + keys.size + ")";
  });
}

export function onShortlistClick(event) {
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

// ------------------------------------------------------------ shortlist page

export function ShortlistPage(root) {
  this.root = root;
  this.base = root.getAttribute("data-root") || "./";
  this.list = root.querySelector("#ch-shortlist-items");
  this.status = root.querySelector("#ch-shortlist-status");
  this.note = root.querySelector("#ch-shortlist-note");
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
    self.note.value = writeNote(window.localStorage, "");
    self.showNote();
    // The button hides itself: focus goes to the message that now stands in the
    // list's place (WCAG 2.4.3), not to the page body.
    self.render().then(function () {
      root.querySelector("#ch-shortlist-empty").focus();
      announce("Shortlist and note cleared. Your shortlist is empty.");
    });
  });
  this.note.value = readNote(window.localStorage);
  this.note.addEventListener("input", function () {
    writeNote(window.localStorage, self.note.value);
    self.showNote();
  });
  this.showNote();
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

// The printed copy of the note: the typed lines, or ruled lines to write on.
ShortlistPage.prototype.showNote = function () {
  var box = this.root.querySelector("#ch-handout-note-text");
  var paragraphs = noteParagraphs(this.note.value);
  box.replaceChildren.apply(box, paragraphs.map(function (line) { return el("p", null, line); }));
  this.root.querySelector("#ch-handout-note").classList.toggle("ch-handout__note--blank", !paragraphs.length);
};

ShortlistPage.prototype.afterChange = function () {
  var count = this.list.children.length;
  this.root.querySelector("#ch-shortlist-empty").hidden = count > 0;
  this.root.querySelector("#ch-shortlist-tools").hidden = count === 0;
  this.root.querySelector("#ch-handout-note").hidden = count === 0;
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
    self.root.querySelector("#ch-handout-qr-help").hidden = !self.list.querySelector(".ch-handout__qr");
    self.afterChange();
  });
};

ShortlistPage.prototype.item = function (key, provider, activity) {
  return handoutItem(key, provider, activity, this.base, !this.shared);
};
