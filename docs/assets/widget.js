/*
 * Creative Health Directory widget: a plain list of activities on any web page,
 * without an iframe.
 *
 *   <div data-creative-health="borough:lewisham"></div>
 *   <div data-creative-health="pathway:dementia" data-limit="10"></div>
 *   <script src="https://DIRECTORY/assets/widget.js" defer></script>
 *
 * It reads the directory's JSON feed (feeds/v1/boroughs/<slug>.json or
 * feeds/v1/pathways/<slug>.json, 50 activities a page: it follows a page's "next" only
 * while it needs more for data-limit) and renders an unstyled list for the host page to
 * style (classes start with "creative-health-"). Every piece of text from the feed is
 * inserted as text, never as HTML, so nothing in a listing can run in the host page.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = new URL("../", script.src);
  var SPEC = /^(borough|pathway):([a-z0-9]+(?:-[a-z0-9]+)*)$/;

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
      [["Run by", item.provider], ["When", item.when], ["Where", item.where], ["Cost", item.cost]].forEach(function (pair) {
        facts.appendChild(el("dt", null, pair[0]));
        facts.appendChild(el("dd", null, pair[1]));
      });
      li.appendChild(facts);
      list.appendChild(li);
    });
    var credit = el("p", "creative-health-credit");
    var more = feed.count > limit ? "See all " + feed.count + " activities" : "See the full listing";
    credit.appendChild(link(feed.path, more));
    credit.appendChild(document.createTextNode(" on the " + feed.directory + "."));
    host.replaceChildren(list, credit);
  }

  function load(host) {
    var match = SPEC.exec(host.getAttribute("data-creative-health") || "");
    if (!match) {
      host.textContent = "This list is set up wrongly: use data-creative-health=\"borough:<code>\" or \"pathway:<code>\".";
      return;
    }
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
        if (items.length < limit && feed.activities.length && typeof feed.next === "string") {
          return page(feed.next);
        }
      });
    }
    page("feeds/v1/" + match[1] + "s/" + match[2] + ".json").then(function () {
      render(host, first, items, limit);
    }).catch(function () {
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
