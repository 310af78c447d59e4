/*
 * Creative Health Directory widget: a plain list of activities on any web page,
 * without an iframe.
 *
 *   <div data-creative-health="borough:lewisham"></div>
 *   <div data-creative-health="pathway:dementia" data-limit="10"></div>
 *   <div data-creative-health="borough:southwark" data-near="SE15" data-within="2"></div>
 *   <script src="https://DIRECTORY/assets/widget.js" defer></script>
 *
 * It reads the directory's JSON feed (feeds/v1/boroughs/<slug>.json or
 * feeds/v1/pathways/<slug>.json, 50 activities a page: it follows a page's "next" only
 * while it needs more for data-limit) and renders an unstyled list for the host page to
 * style (classes start with "creative-health-"). Every piece of text from the feed is
 * inserted as text, never as HTML, so nothing in a listing can run in the host page.
 *
 * data-near (a postcode or its first part, checked as the finder checks it, against the
 * directory's finder/v1/districts.json) lists the activities nearest first with their
 * straight-line distance, online ones after them; data-within (1, 2 or 5 miles) leaves
 * out those further away. The postcode rules and distance are near.js's
 * (assets/finder/near.js), copied here because this script is not a module.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = new URL("../", script.src);
  var SPEC = /^(borough|pathway):([a-z0-9]+(?:-[a-z0-9]+)*)$/;
  var OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
  var FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
  var WITHIN = [1, 2, 5];
  var MAX_PAGES = 200;  // with data-near every page is read, to find the nearest

  function outwardCode(text) {
    var compact = String(text || "").toUpperCase().replace(/\s+/g, "");
    if (OUTWARD.test(compact)) return compact;
    var full = FULL.exec(compact);
    return full ? full[1] : null;
  }

  function miles(lat1, lng1, lat2, lng2) {
    var r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLng = (lng2 - lng1) * r;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  function milesText(value) {
    var rounded = Math.round(value * 10) / 10;
    if (rounded < 0.1) return "Under 0.1 miles";
    var text = rounded.toFixed(1).replace(/\.0$/, "");
    return text + (text === "1" ? " mile" : " miles");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function link(path, text) {
    var a = el("a", "creative-health-link", text);
    var url = new URL(path, root);
    if (url.origin === root.origin) a.href = url.href;
    return a;
  }

  function render(host, feed, items, limit) {
    var list = el("ul", "creative-health-list");
    list.setAttribute("aria-label", feed.title);
    items.slice(0, limit).forEach(function (item) {
      var li = el("li", "creative-health-item");
      li.appendChild(link(item.path, item.name));
      if (item.status) li.appendChild(el("span", "creative-health-status", " (" + item.status + ")"));
      var facts = el("dl", "creative-health-facts");
      var rows = [["Run by", item.provider], ["When", item.when], ["Where", item.where], ["Cost", item.cost]];
      if (item.distance !== undefined) rows.push(["Distance", item.distance]);
      rows.forEach(function (pair) {
        facts.appendChild(el("dt", null, pair[0]));
        facts.appendChild(el("dd", null, pair[1]));
      });
      li.appendChild(facts);
      list.appendChild(li);
    });
    var credit = el("p", "creative-health-credit");
    var more = feed.count > Math.min(limit, items.length) ? "See all " + feed.count + " activities" : "See the full listing";
    credit.appendChild(link(feed.path, more));
    credit.appendChild(document.createTextNode(" on the " + feed.directory + "."));
    host.replaceChildren(list, credit);
  }

  // data-near and data-within checked as the finder checks them: a message for the
  // page's author, or "" when they are fine (or absent).
  function nearProblem(near, within) {
    if (within !== null && WITHIN.indexOf(Number(within)) < 0) {
      return "This list is set up wrongly: data-within=\"" + within + "\" must be 1, 2 or 5 (miles).";
    }
    if (within !== null && near === null) return "This list is set up wrongly: data-within needs data-near, a postcode.";
    if (near !== null && !outwardCode(near)) {
      return "This list is set up wrongly: data-near=\"" + near + "\" is not a postcode. Use a full postcode or its first part, such as SE15.";
    }
    return "";
  }

  // Items nearest first from `from` ({code, lat, lng}), each with its distance; then
  // those with no known place; then online ones. within (miles) leaves out the further.
  function nearestFirst(items, from, within) {
    var placed = [], unknown = [], online = [];
    items.forEach(function (item) {
      if (typeof item.lat === "number" && typeof item.lng === "number") {
        var d = miles(from.lat, from.lng, item.lat, item.lng);
        if (within === null || Math.round(d * 10) / 10 <= within) {
          placed.push({ item: item, d: d });
        }
      } else if (item.where === "Online") {
        online.push(item);
      } else if (within === null) {
        unknown.push(item);
      }
    });
    placed.sort(function (a, b) { return a.d - b.d; });
    return placed.map(function (p) {
      var copy = {};
      Object.keys(p.item).forEach(function (k) { copy[k] = p.item[k]; });
      copy.distance = milesText(p.d) + " from " + from.code + " (straight line)";
      return copy;
    }).concat(unknown, online);
  }

  function load(host) {
    var match = SPEC.exec(host.getAttribute("data-creative-health") || "");
    if (!match) {
      host.textContent = "This list is set up wrongly: use data-creative-health=\"borough:<code>\" or \"pathway:<code>\".";
      return;
    }
    var near = host.getAttribute("data-near"), within = host.getAttribute("data-within");
    var problem = nearProblem(near, within);
    if (problem) {
      host.textContent = problem;
      return;
    }
    within = within === null ? null : Number(within);
    var limit = parseInt(host.getAttribute("data-limit"), 10);
    if (!(limit > 0)) limit = 20;
    var feeds = new URL("feeds/v1/", root).href;
    var first = null, items = [];
    // Pages are read one after another until there are enough items; a next page must be
    // another of the directory's feeds, and a page that adds nothing ends the list.
    function page(path) {
      var url = new URL(path, root);
      if (url.href.indexOf(feeds) !== 0) return Promise.resolve();
      return fetch(url.href, { credentials: "omit" }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (feed) {
        if (!feed || feed.version !== 1 || !Array.isArray(feed.activities)) throw new Error("feed");
        if (!first) first = feed;
        items = items.concat(feed.activities);
        pages++;
        if ((near !== null || items.length < limit) && pages < MAX_PAGES && feed.activities.length &&
            typeof feed.next === "string") {
          return page(feed.next);
        }
      });
    }
    var pages = 0, place = null;
    // The district first: a postcode the directory does not know is said, not guessed.
    var where = near === null ? Promise.resolve() : fetch(new URL("finder/v1/districts.json", root).href, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (data) {
        var code = outwardCode(near), at = data && data.districts && Object.prototype.hasOwnProperty.call(data.districts, code) ? data.districts[code] : null;
        if (!at) throw { problem: "This list is set up wrongly: the directory does not know the postcode area " + code + " (data-near=\"" + near + "\"). Use a postcode in the area it covers." };
        place = { code: code, lat: at[0], lng: at[1] };
      });
    where.then(function () {
      return page("feeds/v1/" + match[1] + "s/" + match[2] + ".json");
    }).then(function () {
      if (place) items = nearestFirst(items, place, within);
      render(host, first, items, limit);
    }).catch(function (err) {
      if (err && err.problem) { host.textContent = err.problem; return; }
      host.replaceChildren(link(match[1] === "borough" ? "boroughs/" + match[2] + "/" : "pathways/" + match[2] + "/",
        "Creative health activities (open the directory)"));
    });
  }

  function start() {
    document.querySelectorAll("[data-creative-health]").forEach(load);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
