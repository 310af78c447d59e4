/*
 * A list embed's ?near= and ?within= (embed/boroughs/<slug>/, embed/pathways/<slug>/).
 * embed-frame.js loads this module only when the address has one of them, and applies
 * ?limit= after it, so a limit keeps the nearest.
 *
 * Each card carries its venue's place (data-lat and data-lng, or data-online; written by
 * templates/_card.html.j2), so the only thing fetched is the postcode districts
 * (finder/v1/districts.json). The in-person activities are listed nearest first, each
 * with its distance as the finder shows it, then those whose place is not known; online
 * ones after them, never with a distance. ?within= leaves out the further ones.
 *
 * Nothing is changed quietly: a postcode or distance the frame cannot use (or districts
 * that cannot be read) leaves the list in its usual order, and the frame says why.
 */
import { el, getJSON, plural } from "./util.js";
import { arrangeList, embedNear, milesText, normalisePostcode } from "./near.js";

function number(text) {
  return text === null || text === "" ? null : Number(text);
}

// Sort the list, or say why not. root: the site's root URL. Resolves to the problem
// (a sentence for the frame's note) or "".
export function applyNear(list, params, root) {
  var near = params.get("near"), within = params.get("within");
  var example = list.getAttribute("data-near-example") || "";
  // Only a postcode needs the districts; without one, the answer is known already.
  if (!normalisePostcode(near || "")) return Promise.resolve(embedNear(near, within, {}, example).problem || "");
  return getJSON(new URL("finder/v1/districts.json", root).href).then(function (table) {
    var chosen = embedNear(near, within, table.districts || {}, example);
    if (chosen.problem) return chosen.problem;
    if (chosen.place) arrange(list, chosen.place, chosen.within);
    return "";
  }, function () {
    return "Sorting by distance is not available right now, so the list is in its usual order.";
  });
}

function arrange(list, place, within) {
  var cards = Array.from(list.querySelectorAll("li.ch-card"));
  var lat = cards.map(function (c) { return number(c.getAttribute("data-lat")); });
  var lng = cards.map(function (c) { return number(c.getAttribute("data-lng")); });
  var online = cards.map(function (c) { return c.hasAttribute("data-online"); });
  var order = arrangeList(lat, lng, online, place, within);
  var pager = list.querySelector(".ch-pager");
  // The groups of the usual order go; the cards are regrouped by distance.
  list.querySelectorAll("ul.ch-cards").forEach(function (ul) {
    var heading = ul.previousElementSibling;
    if (heading && heading.tagName === "H2") heading.remove();
    ul.remove();
  });
  var parts = document.createDocumentFragment();
  function group(heading, positions, note) {
    if (!positions.length) return;
    parts.appendChild(el("h2", null, heading));
    if (note) parts.appendChild(el("p", { "class": "ch-results__note" }, note));
    var ul = el("ul", { "class": "ch-cards ch-cards--compact" });
    positions.forEach(function (n) { ul.appendChild(cards[n]); });
    parts.appendChild(ul);
  }
  order.near.forEach(function (n) {
    var distance = el("p", { "class": "ch-card__distance" });
    distance.appendChild(el("strong", null, milesText(order.miles[n])));
    distance.appendChild(document.createTextNode(" from " + place.code));
    var provider = cards[n].querySelector(".ch-card__provider");
    cards[n].insertBefore(distance, provider ? provider.nextSibling : null);
  });
  group("Nearest first, from " + place.code, order.near,
    "Distances are in a straight line from the middle of " + place.code + ", not by road.");
  group("In person, distance not known", order.unknown, null);
  group("Online", order.online, null);
  var kept = order.near.length + order.unknown.length + order.online.length;
  var intro = list.querySelector(".ch-list-intro");
  if (intro) {
    var text = within === null
      ? plural(kept, "activity", "activities") + ", nearest first from " + place.code
      : plural(order.near.length, "activity", "activities") + " within " + milesText(within) + " of " + place.code +
        (order.online.length ? ", and " + order.online.length + " online" : "") + ", of " + list.getAttribute("data-total");
    // A list of more than one page is sorted a page at a time.
    intro.textContent = text + (pager ? " (this page only: the full listing has the rest)." : ".");
  }
  if (!kept) parts.appendChild(el("p", { "class": "ch-empty" }, "None of these activities is within " + milesText(within) + " of " + place.code + "."));
  list.insertBefore(parts, pager || list.querySelector(".ch-embed__more"));
}
