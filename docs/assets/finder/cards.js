/*
 * Activity markup built in the browser: the finder's result cards, from the finder's
 * data files (finder/v1/items/*.json); the shortlist handout's entries are in
 * handout.js. The same classes as the server-rendered cards
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
