/*
 * The shortlist's handout: one entry per activity, written for the person being
 * helped (what it is, when and where, cost, how to join as a sentence, who to contact,
 * a QR code of its page), and the link worker's note, which is kept in this browser
 * only (localStorage) and never sent anywhere.
 *
 * The data comes from finder/v1/providers/<slug>.json (see
 * src/creative_health/site/finder_data.py handout_record); provider text only ever
 * goes in as text, links only to http(s), mailto and tel addresses.
 */
import { el } from "./util.js";
import { factRow, link } from "./cards.js";

export var NOTE_KEY = "creative-health.shortlist-note.v1";
export var NOTE_MAX = 600;
var SVG = "http://www.w3.org/2000/svg";

// The note, from storage (any object with getItem/setItem/removeItem, e.g.
// window.localStorage); "" when there is none, storage is off or the value is not text.
export function readNote(storage) {
  try {
    var value = storage.getItem(NOTE_KEY);
    return typeof value === "string" ? value.slice(0, NOTE_MAX) : "";
  } catch (e) {
    return "";
  }
}

// Keeps the note (trimmed of trailing space; an empty note is removed, not stored).
export function writeNote(storage, text) {
  var value = String(text || "").replace(/\s+$/, "").slice(0, NOTE_MAX);
  try {
    if (value) storage.setItem(NOTE_KEY, value);
    else storage.removeItem(NOTE_KEY);
  } catch (e) { /* storage off: the note lives only in the text box */ }
  return value;
}

// The note as printed paragraphs: one per line typed, blank lines dropped.
export function noteParagraphs(text) {
  return String(text || "").split(/\r?\n/).map(function (line) { return line.trim(); })
    .filter(function (line) { return line.length > 0; });
}

// A QR code from the build ({n: modules across, d: SVG path of one-module-thick
// strokes}) as an <svg> image named for what it opens.
export function qrSvg(qr, name) {
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + qr.n + " " + qr.n);
  svg.setAttribute("class", "ch-handout__qr-code");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "QR code: opens the page of " + name + " in this directory");
  svg.setAttribute("shape-rendering", "crispEdges");
  var background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", qr.n);
  background.setAttribute("height", qr.n);
  background.setAttribute("fill", "#fff");
  svg.appendChild(background);
  var path = document.createElementNS(SVG, "path");
  path.setAttribute("d", qr.d);
  path.setAttribute("stroke", "#000");
  path.setAttribute("stroke-width", "1");
  path.setAttribute("fill", "none");
  svg.appendChild(path);
  return svg;
}

function paragraph(text, className) {
  return el("p", className ? { "class": className } : null, text);
}

function commas(parts) {
  // Text and nodes on one line, separated by commas.
  var out = [];
  parts.forEach(function (part, i) {
    if (i) out.push(", ");
    out.push(part);
  });
  return out;
}

function lines(parts) {
  // Text and nodes on separate lines within one <dd>.
  var out = [];
  parts.forEach(function (part, i) {
    if (i) out.push(el("br"));
    out.push(part);
  });
  return out;
}

// A handout entry from a provider's handout record and one of its activities (both
// missing when the activity is no longer listed); removable adds a Remove button.
export function handoutItem(key, provider, activity, base, removable) {
  var li = el("li", { "class": "ch-handout__item", "data-key": key });
  if (!activity) {
    li.appendChild(el("h2", { "class": "ch-handout__name" }, "An activity that is no longer listed"));
    li.appendChild(el("p", null, "This activity has been removed from the directory."));
  } else {
    var h2 = el("h2", { "class": "ch-handout__name" });
    h2.appendChild(el("a", { href: base + activity.url }, activity.name));
    li.appendChild(h2);
    var by = el("p", { "class": "ch-handout__by" }, "Run by " + provider.name + ". Details last checked on ");
    by.appendChild(el("time", { datetime: provider.reviewed_iso }, provider.reviewed));
    by.appendChild(document.createTextNode(provider.stale ? ": they may be out of date, so check with " + provider.name + "." : "."));
    li.appendChild(by);
    if (activity.qr) {
      // Beside everything below the name (print.css), so it costs no height.
      // The handout's header says what the codes are for, once.
      var figure = el("div", { "class": "ch-handout__qr" });
      figure.appendChild(qrSvg(activity.qr, activity.name));
      li.appendChild(figure);
    }
    if (activity.status) {
      var status = el("p", { "class": "ch-notice ch-handout__status" });
      status.appendChild(el("strong", null, activity.status + "."));
      status.appendChild(document.createTextNode(" Check with " + provider.name + " before you go."));
      li.appendChild(status);
    }
    var text = el("div", { "class": "ch-handout__what" });
    text.appendChild(paragraph(activity.summary, "ch-handout__summary"));
    (activity.description || []).forEach(function (p) { text.appendChild(paragraph(p)); });
    li.appendChild(text);

    var dl = el("dl", { "class": "ch-facts ch-handout__facts" });
    var notes = (activity.when_notes || []).join(" ");
    factRow(dl, "When", lines((activity.when || []).concat(notes ? [notes] : [])));
    factRow(dl, "Where", lines([activity.where].concat(activity.online ? [activity.online] : [], activity.access ? [activity.access] : [])));
    factRow(dl, "Cost", [activity.cost]);
    if (activity.places) factRow(dl, "Places", [activity.places]);
    var how = [el("span", { "class": "ch-handout__join" }, activity.join || activity.routes.join(", ") + ".")];
    if (activity.how) how.push(" " + activity.how);
    // The referral phone, email and form, unless the provider's words already give them.
    var reach = [], said = activity.how || "";
    if (activity.phone && said.indexOf(activity.phone) < 0) reach.push(link(activity.tel || "", activity.phone));
    if (activity.email && said.indexOf(activity.email) < 0) reach.push(link("mailto:" + activity.email, activity.email));
    if (activity.referral_url && said.indexOf(activity.referral_url) < 0) reach.push(link(activity.referral_url, activity.referral_url));
    if (reach.length) { how.push(el("br")); how = how.concat(commas(reach)); }
    factRow(dl, "How to join", how);
    var contact = provider.contact, who = [contact.name + (contact.role ? " (" + contact.role + ")" : "")];
    if (contact.phone) who.push(link(contact.tel || "", contact.phone));
    if (contact.email) who.push(link("mailto:" + contact.email, contact.email));
    factRow(dl, "Contact", commas(who));
    li.appendChild(dl);
  }
  if (removable) {
    var name = activity ? activity.name : "Activity";
    var remove = el("button", { type: "button", "class": "ch-button ch-button--secondary ch-no-print", "data-remove": key, "data-name": name }, "Remove");
    remove.appendChild(el("span", { "class": "ch-visually-hidden" }, " " + name + " from the shortlist"));
    li.appendChild(remove);
  }
  return li;
}
