/*
 * The embed builder (for-websites/builder/): the iframe snippet for a borough, a
 * pathway, a provider or a filtered finder, with a live preview.
 */
import { el, getJSON } from "./util.js";
import { SLUG_RE } from "./shortlist.js";
import { findPlace, placeProblem, readWithin } from "./near.js";

function escapeAttribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// The fewest permissions an embed needs (docs/for-websites/index.md explains each):
// its own small script (the height, and the finder's filters) and links that open in
// the whole window when the visitor clicks them.
var EMBED_SANDBOX = "allow-scripts allow-top-navigation-by-user-activation";

export function Builder(root) {
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
  var near = this.nearParams(data, params);
  if (near) return near;
  if (data.get("f-active")) params.set("active", "1");
  if (!data.get("f-controls")) params.set("controls", "none");
  var query = params.toString();
  return Promise.resolve({ path: "embed/find/" + (query ? "?" + query : ""), title: "Creative health activities" });
};

// The finder embed's near and within, checked as the finder checks them: null when
// fine (params gain them), else a promise of {field, error} for the Near field.
Builder.prototype.nearParams = function (data, params) {
  var text = String(data.get("f-near") || "").trim(), within = readWithin(data.get("f-within"));
  var input = this.form.querySelector("#ch-builder-near"), siteRoot = this.siteRoot;
  if (!text) {
    var shown = this.root.querySelector("#ch-builder-near-error");
    shown.hidden = true;
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "ch-builder-near-hint");
    return null;
  }
  var known = this.districts || (this.districts = getJSON(new URL("finder/v1/districts.json", siteRoot).href));
  // The check needs the districts, so the choice waits for them (once).
  var box = this.root.querySelector("#ch-builder-near-error");
  function mark(message) {
    box.textContent = message ? "Error: " + message : "";
    box.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", message ? "ch-builder-near-error ch-builder-near-hint" : "ch-builder-near-hint");
  }
  return known.then(function (table) {
    var place = findPlace(text, table.districts);
    mark(place.error ? placeProblem(text, place, "") : "");
    if (place.error) return { field: input, error: "There is no code yet: put right the postcode marked Error above." };
    params.set("near", place.code);
    if (within !== null) params.set("within", String(within));
    if (data.get("f-active")) params.set("active", "1");
    if (!data.get("f-controls")) params.set("controls", "none");
    var query = params.toString();
    return { path: "embed/find/?" + query, title: "Creative health activities near " + params.get("near") };
  }, function () {
    return { field: input, error: "The postcode could not be checked just now. Try again in a moment." };
  });
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
