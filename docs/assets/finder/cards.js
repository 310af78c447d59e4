/*
 * Activity markup built in the browser: the finder's result cards and the shortlist
 * handout's entries, from the finder's data files (finder/v1/items/*.json and
 * finder/v1/providers/*.json). The same classes as the server-rendered cards
 * (src/creative_health/templates/_card.html.j2). Provider text only ever goes in as
 * text; links only to http(s), mailto and tel addresses.
 */
import { el } from "./util.js";

var SAFE_HREF = /^(https?:|mailto:|tel:)/i;

// A <div><dt>term</dt><dd>...</dd></div> row of a facts list; nodes are strings or nodes.
export function factRow(dl, term, nodes) {
  var row = el("div");
  row.appendChild(el("dt", null, term));
  var dd = el("dd");
  nodes.forEach(function (node) { dd.appendChild(typeof node === "string" ? document.createTextNode(node) : node); });
  row.appendChild(dd);
  dl.appendChild(row);
}

export function link(href, text) {
  return SAFE_HREF.test(href) ? el("a", { href: href }, text) : document.createTextNode(text);
}

function status(text) {
  var p = el("p", { "class": "ch-status" });
  p.appendChild(el("strong", null, text));
  return p;
}

// A notice on a card: paused or closed, and entries past their review date.
function notice(kind, strong, text) {
  var p = el("p", { "class": "ch-notice ch-card__notice ch-notice--" + kind });
  p.appendChild(el("strong", null, strong));
  if (text) p.appendChild(document.createTextNode(" " + text));
  return p;
}

// A result card from a display record ({k, n, p, u, s, w, l, c, j, st, x, g, h, v, o, r});
// base is the site root; shortlist adds the "Add to shortlist" button.
export function activityCard(record, base, shortlist) {
  var li = el("li", { "class": "ch-card", "data-key": record.k });
  var h3 = el("h3", { "class": "ch-card__title" });
  h3.appendChild(el("a", { href: base + record.u }, record.n));
  li.appendChild(h3);
  li.appendChild(el("p", { "class": "ch-card__provider" }, record.p));
  if (record.h) {
    var where = el("p", { "class": "ch-card__held" });
    where.appendChild(el("strong", null, record.h));
    if (record.v) where.appendChild(document.createTextNode(". Also serves " + record.v));
    li.appendChild(where);
  }
  if (record.st) {
    var kind = record.x === "closed" ? "closed" : "paused";
    li.appendChild(notice(kind, record.st + ".", kind === "closed" ? "Not taking part now." : "Check with the provider before referring."));
  }
  if (record.o) {
    li.appendChild(notice("stale", "This entry may be out of date.", "Last checked " + (record.r || "") + ". Check the details with the provider before referring someone."));
  }
  li.appendChild(el("p", { "class": "ch-card__summary" }, record.s));
  var dl = el("dl", { "class": "ch-facts ch-card__facts" });
  [["When", record.w], ["Where", record.l], ["Cost", record.c], ["How to join", record.j]].forEach(function (pair) {
    factRow(dl, pair[0], pair[1] ? [String(pair[1])] : []);
  });
  li.appendChild(dl);
  if (!shortlist) return li;
  var button = el("button", { type: "button", "class": "ch-shortlist-toggle", "data-key": record.k, "data-name": record.n }, "Add to shortlist");
  button.appendChild(el("span", { "class": "ch-visually-hidden" }, ": " + record.n));
  li.appendChild(button);
  return li;
}

// A shortlist handout entry from a provider's handout record and one of its activities
// (both missing when the activity is no longer listed); removable adds a Remove button.
export function handoutItem(key, provider, activity, base, removable) {
  var li = el("li", { "class": "ch-handout__item", "data-key": key });
  if (!activity) {
    li.appendChild(el("h2", null, "An activity that is no longer listed"));
    li.appendChild(el("p", null, "This activity has been removed from the directory."));
  } else {
    var h2 = el("h2");
    h2.appendChild(el("a", { href: base + activity.url }, activity.name));
    li.appendChild(h2);
    li.appendChild(el("p", { "class": "ch-card__provider" }, "Run by " + provider.name));
    if (activity.status) li.appendChild(status(activity.status));
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
  if (removable) {
    var name = activity ? activity.name : "Activity";
    var remove = el("button", { type: "button", "class": "ch-button ch-button--secondary ch-no-print", "data-remove": key, "data-name": name }, "Remove");
    remove.appendChild(el("span", { "class": "ch-visually-hidden" }, " " + name + " from the shortlist"));
    li.appendChild(remove);
  }
  return li;
}
