/*
 * The embed builder (for-websites/builder/): the iframe snippet for a borough, a
 * pathway, a provider, a filtered finder or the offer at a glance, with a live preview.
 *
 * Fields that apply only to some choices say so in the page (data-kinds="borough
 * pathway", data-height="fixed") and are hidden otherwise. A field's mistake is shown
 * beside it (aria-invalid, and its message in aria-describedby); while any field is
 * wrong there is no code to copy and no preview, so nothing stale can be pasted.
 *
 * To add an option: add its field to templates/builder.html.j2 with data-kinds, and an
 * entry to OPTIONS below (how to check it, and how it goes into the embed's address).
 */
import { el, getJSON } from "./util.js";
import { SLUG_RE } from "./shortlist.js";
import { findPlace, placeProblem, readWithin } from "./near.js";
import { checkLimit, checkPixels, PIXELS_DEFAULT } from "./embedopts.js";

function escapeAttribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// The fewest permissions an embed needs (docs/for-websites/index.md explains each):
// its own small script (the height, and the finder's filters) and links that open in
// the whole window when the visitor clicks them.
var EMBED_SANDBOX = "allow-scripts allow-top-navigation-by-user-activation";

// Options that become part of the embed's address. Each names its input, the check of
// what was typed ({value} or {error}), and the query parameter it sets; a null value
// leaves the parameter out. Shown only for the kinds its field's data-kinds lists.
function options(builder) {
  return [
    { input: "#ch-builder-limit", param: "limit",
      check: function (text) { return checkLimit(text, builder.limitMax); } },
  ];
}

export function Builder(root) {
  this.root = root;
  this.form = root.querySelector("#ch-builder-form");
  this.snippet = root.querySelector("#ch-builder-snippet");
  this.preview = root.querySelector("#ch-builder-preview");
  this.status = root.querySelector("#ch-builder-status");
  this.copyButton = root.querySelector("#ch-builder-copy");
  this.problem = root.querySelector("#ch-builder-problem");
  this.siteRoot = new URL(root.getAttribute("data-root") || "./", window.location.href);
  this.directory = root.getAttribute("data-directory") || "";
  this.limitMax = parseInt(root.getAttribute("data-limit-max"), 10) || 50;
  this.options = options(this);
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
  this.copyButton.addEventListener("click", function () { self.copy(); });
  return this.update();
};

Builder.prototype.schedule = function () {
  var self = this, data = new FormData(this.form);
  // Fields appear and go at once; the code follows when typing pauses.
  this.showFields(data.get("kind"), data.get("height") === "auto" ? "auto" : "fixed");
  window.clearTimeout(this.timer);
  this.timer = window.setTimeout(function () { self.update(); }, 200);
};

// Show the parts that apply to the chosen kind and height; hide the rest.
Builder.prototype.showFields = function (kind, height) {
  this.root.querySelectorAll(".ch-builder__choice").forEach(function (box) {
    box.hidden = box.getAttribute("data-kind") !== kind;
  });
  this.root.querySelectorAll(".ch-builder__field").forEach(function (box) {
    var kinds = box.getAttribute("data-kinds"), heights = box.getAttribute("data-height");
    box.hidden = (kinds !== null && kinds.split(" ").indexOf(kind) < 0) ||
      (heights !== null && heights !== height);
  });
};

function visible(input) {
  return !input.closest("[hidden]");
}

// A field's message beside it: its error paragraph (id "<input id>-error") is shown and
// named in the input's aria-describedby, and the input is marked aria-invalid.
Builder.prototype.mark = function (input, message) {
  var box = this.root.querySelector("#" + input.id + "-error");
  var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
    return id && id !== box.id;
  });
  if (message) {
    box.textContent = "Error: " + message;
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    described.push(box.id);
  } else {
    box.textContent = "";
    box.hidden = true;
    input.removeAttribute("aria-invalid");
  }
  input.setAttribute("aria-describedby", described.join(" "));
};

Builder.prototype.choice = function (data, query) {
  var kind = data.get("kind"), form = this.form;
  function label(select) {
    var option = form.querySelector(select).selectedOptions[0];
    return option ? option.textContent.trim() : "";
  }
  if (kind === "borough" || kind === "pathway") {
    return this.checkNear(data).then(function (near) {
      if (near.error) return near;
      // near and within first, then the options (limit): the frame sorts, then limits.
      var params = new URLSearchParams();
      if (near.code) params.set("near", near.code);
      if (near.within !== null) params.set("within", String(near.within));
      new URLSearchParams(query).forEach(function (value, name) { params.append(name, value); });
      var listSuffix = params.toString() ? "?" + params.toString() : "";
      var nearText = near.code ? " near " + near.code : "";
      if (kind === "borough") {
        return { path: "embed/boroughs/" + data.get("borough") + "/" + listSuffix,
          title: "Creative health activities in " + label("#ch-builder-borough") + nearText };
      }
      return { path: "embed/pathways/" + data.get("pathway") + "/" + listSuffix,
        title: label("#ch-builder-pathway") + ": creative health activities" + nearText };
    });
  }
  if (kind === "coverage") {
    var area = String(data.get("coverage") || "");
    return Promise.resolve(area
      ? { path: "embed/coverage/" + area + "/", title: "The creative health offer in " + label("#ch-builder-coverage") }
      : { path: "embed/coverage/", title: "Creative health activities by borough and pathway" });
  }
  if (kind === "provider") {
    var input = form.querySelector("#ch-builder-provider");
    var slug = String(data.get("provider") || "").trim();
    if (!SLUG_RE.test(slug)) {
      return Promise.resolve({ field: input, error: "Type the provider code from its page address, in small letters, digits and hyphens, such as " + (input.defaultValue || "peckham-print") + "." });
    }
    return getJSON(new URL("finder/v1/providers/" + slug + ".json", this.siteRoot).href).then(function (provider) {
      return { path: "embed/providers/" + slug + "/", title: provider.name + ": creative health activities" };
    }, function () {
      return { field: input, error: "There is no provider with the code " + slug + ". Copy the code from the end of the provider page's address." };
    });
  }
  var params = new URLSearchParams();
  data.getAll("f-borough").forEach(function (v) { params.append("borough", v); });
  data.getAll("f-pathway").forEach(function (v) { params.append("pathway", v); });
  if (data.get("f-free")) params.set("free", "1");
  return this.checkNear(data).then(function (near) {
    if (near.error) return near;
    if (near.code) params.set("near", near.code);
    if (near.within !== null) params.set("within", String(near.within));
    if (data.get("f-active")) params.set("active", "1");
    if (!data.get("f-controls")) params.set("controls", "none");
    var filters = params.toString();
    return { path: "embed/find/" + (filters ? "?" + filters : ""),
      title: "Creative health activities" + (near.code ? " near " + near.code : "") };
  });
};

// No code and no preview while something is wrong: the reason is said once, beside
// the code box, and the Copy button is off.
Builder.prototype.withhold = function () {
  this.snippet.value = "";
  this.copyButton.disabled = true;
  this.problem.textContent = "There is no code yet: put right the field marked Error above.";
  this.problem.hidden = false;
  this.status.textContent = "";
  this.preview.replaceChildren(el("p", { class: "ch-hint" }, "The preview appears when the code is ready."));
};

// The Near and Distance fields (for a borough, a pathway or a finder), checked as the
// finder and the list embeds check them: a promise of {code, within} (code null for no
// place, within null for any distance) or {field, error} for the Near field. A distance
// with no place is a mistake: it would change nothing. The check needs the postcode
// districts, fetched once.
Builder.prototype.checkNear = function (data) {
  var text = String(data.get("f-near") || "").trim(), within = readWithin(data.get("f-within"));
  var self = this, input = this.form.querySelector("#ch-builder-near");
  if (!text) {
    if (within !== null) {
      return Promise.resolve({ field: input, error: "Type a postcode to measure the distance from, or choose Any distance." });
    }
    this.mark(input, "");
    return Promise.resolve({ code: null, within: null });
  }
  var known = this.districts || (this.districts = getJSON(new URL("finder/v1/districts.json", this.siteRoot).href));
  return known.then(function (table) {
    var place = findPlace(text, table.districts);
    if (place.error) return { field: input, error: placeProblem(text, place, "") };
    self.mark(input, "");
    return { code: place.code, within: within };
  }, function () {
    self.districts = null;
    return { field: input, error: "The postcode could not be checked just now. Try again in a moment." };
  });
};

Builder.prototype.update = function () {
  var self = this, data = new FormData(this.form);
  var kind = data.get("kind"), auto = data.get("height") === "auto";
  this.showFields(kind, auto ? "auto" : "fixed");
  var token = (this.token = (this.token || 0) + 1);
  var wrong = false, params = new URLSearchParams();
  this.options.forEach(function (option) {
    var input = self.form.querySelector(option.input);
    var result = visible(input) ? option.check(input.value) : { value: null };
    self.mark(input, result.error);
    if (result.error) wrong = true;
    else if (result.value !== null && result.value !== undefined) params.set(option.param, String(result.value));
  });
  var pixelsInput = this.form.querySelector("#ch-builder-pixels");
  var pixels = auto ? { value: PIXELS_DEFAULT } : checkPixels(pixelsInput.value);
  this.mark(pixelsInput, pixels.error);
  if (pixels.error) wrong = true;
  var providerInput = this.form.querySelector("#ch-builder-provider");
  if (kind !== "provider") this.mark(providerInput, "");
  var nearInput = this.form.querySelector("#ch-builder-near");
  if (!visible(nearInput)) this.mark(nearInput, "");
  if (wrong) {
    this.withhold();
    return Promise.resolve();
  }
  return this.choice(data, params.toString()).then(function (choice) {
    if (token !== self.token) return;
    if (choice.error) {
      self.mark(choice.field, choice.error);
      self.withhold();
      return;
    }
    if (choice.field !== providerInput) self.mark(providerInput, "");
    self.problem.hidden = true;
    self.problem.textContent = "";
    self.copyButton.disabled = false;
    self.render(choice, auto, pixels.value);
  });
};

Builder.prototype.render = function (choice, auto, pixels) {
  var src = new URL(choice.path, this.siteRoot).href;
  var title = choice.title + " (" + this.directory + ")";
  var sandbox = EMBED_SANDBOX;
  var code = "<iframe src=\"" + escapeAttribute(src) + "\" title=\"" + escapeAttribute(title) +
    "\" sandbox=\"" + sandbox + "\" loading=\"lazy\" width=\"100%\" height=\"" + pixels +
    "\" style=\"border:0;width:100%\"" + (auto ? " data-creative-health-embed" : "") + "></iframe>";
  if (auto) code += "\n<script src=\"" + escapeAttribute(new URL("assets/embed.js", this.siteRoot).href) + "\" defer></script>";
  if (this.snippet.value !== code) this.status.textContent = "";
  this.snippet.value = code;
  var current = this.preview.querySelector("iframe");
  if (current && current.getAttribute("src") === src && current.getAttribute("height") === String(pixels) &&
      current.hasAttribute("data-creative-health-embed") === auto) return;
  // The site's Content-Security-Policy refuses style attributes; the CSSOM is fine.
  var frame = el("iframe", { src: src, title: title, sandbox: sandbox, width: "100%", height: String(pixels) });
  frame.style.border = "0";
  frame.style.width = "100%";
  if (auto) frame.setAttribute("data-creative-health-embed", "");
  this.preview.replaceChildren(frame);
};

Builder.prototype.copy = function () {
  var self = this, text = this.snippet.value;
  if (!text || this.copyButton.disabled) return;
  function done() { self.status.textContent = "Code copied. Paste it into your page's HTML."; }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { self.snippet.select(); done(); });
  } else {
    this.snippet.select();
    try { document.execCommand("copy"); } catch (e) { /* the selected code can be copied by hand */ }
    done();
  }
};
