/*
 * Runs inside the directory's embed pages. Applies a list embed's ?near=, ?within= and
 * ?limit= (below), and
 * tells the page that holds the iframe how tall the content is, so embed.js there can size the frame with no inner scrollbar.
 * The message carries only a number: nothing about the visitor. It reports on load and
 * whenever the content changes size, and again when the parent window (and only the
 * parent) asks with {type: "creative-health:measure"}: embed.js asks when it starts
 * after the frame has loaded, and when a frame reloads.
 */
(function () {
  "use strict";

  /*
   * A list embed's ?limit=N shows its first N activities (a whole number from 1 to the
   * list's page size, data-limit-max) and then a link to all of them. A wrong value is
   * never quietly read as another number: the frame shows the first 20 and says why.
   * The builder checks the same rule (finder/embedopts.js): keep the two in step.
   */
  var FALLBACK = 20;
  var script = document.currentScript;

  // A note at the top of a list (above its count) that says why an option in the
  // frame's address was not used.
  function notice(list, className, text) {
    var note = document.createElement("p");
    note.className = "ch-notice " + className;
    note.textContent = text;
    list.insertBefore(note, list.querySelector(".ch-list-intro") || list.firstChild);
  }

  /*
   * ?near= and ?within= sort the list by distance (finder/listnear.js, a module loaded
   * only when they are there); ?limit= then keeps the nearest. If the module cannot
   * load, the list keeps its usual order and says so.
   */
  function applyNearThenLimit() {
    var list = document.querySelector("[data-ch-list]");
    var params = new URLSearchParams(window.location.search);
    if (!list || !script || !script.src || (!params.has("near") && !params.has("within"))) {
      applyLimit();
      return;
    }
    var root = new URL("../", script.src);
    import(new URL("finder/listnear.js", script.src).href).then(function (module) {
      return module.applyNear(list, params, root);
    }).then(null, function () {
      return "Sorting by distance is not available right now, so the list is in its usual order.";
    }).then(function (problem) {
      if (problem) notice(list, "ch-embed__near-note", problem);
      applyLimit();
      // The list changed after the first report. A frame out of view gets no
      // ResizeObserver callback until it is shown (Chromium throttles it), so the
      // new height is sent now.
      report();
    });
  }

  function applyLimit() {
    var list = document.querySelector("[data-ch-list]");
    var raw = new URLSearchParams(window.location.search).get("limit");
    if (!list || raw === null) return;
    var max = parseInt(list.getAttribute("data-limit-max"), 10) || 50;
    var text = raw.trim(), limit = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
    if (!(limit >= 1 && limit <= max)) {
      limit = FALLBACK;
      notice(list, "ch-embed__limit-note", "This list was set up with limit=\"" + raw.slice(0, 20) + "\", which is not a whole " +
        "number from 1 to " + max + ", so it shows the first " + FALLBACK + " activities.");
    }
    var cards = list.querySelectorAll("li.ch-card");
    var pager = list.querySelector(".ch-pager");
    if (cards.length <= limit && !pager) return;
    for (var i = limit; i < cards.length; i++) cards[i].remove();
    // A group left with no cards loses its heading too.
    list.querySelectorAll("ul.ch-cards").forEach(function (ul) {
      if (ul.children.length) return;
      var heading = ul.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.remove();
      ul.remove();
    });
    if (pager) pager.remove();
    var total = list.getAttribute("data-total") || "";
    var more = document.createElement("p");
    more.className = "ch-embed__more";
    var link = document.createElement("a");
    link.href = list.getAttribute("data-full-listing") || "";
    link.textContent = total ? "See all " + total + " activities" : "See all the activities";
    more.appendChild(link);
    list.appendChild(more);
  }
  applyNearThenLimit();

  if (window.parent === window) return;
  var last = -1;
  var content = document.querySelector(".ch-embed");

  function report(force) {
    if (!content) return;
    var height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
    if (height === last && force !== true) return;
    last = height;
    window.parent.postMessage({ type: "creative-health:height", height: height }, "*");
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (data && typeof data === "object" && data.type === "creative-health:measure") report(true);
  });
  if (window.ResizeObserver) new ResizeObserver(report).observe(content || document.body);
  window.addEventListener("load", report);
  report();
})();
