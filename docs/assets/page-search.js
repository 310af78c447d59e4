/*
 * Creative Health Directory: "Pages that match" on the finder's page.
 *
 * When there is a search (typed into the finder's search box, or in the address as
 * ?q=), fetches the page index (finder/v1/pages.json) once and lists the pathway,
 * borough and help pages containing every word searched for, each word matching the
 * start of a page's word as the activity search does. Page titles are inserted as text. * Words are split as the activity search splits them (finder/text.js, with the rules
 * the build writes to finder/v1/text.json).
 * Loaded by the finder's page only, as a module: it runs once per document however often
 * Material's instant navigation puts the page in again, and boots on every load of the
 * page (document$), never relying on DOMContentLoaded alone.
 */
import { getJSON, onEveryPage } from "./finder/util.js";
import { loadTextRules } from "./finder/words.js";

(function () {
  "use strict";

  var SHOWN = 5;
  var KINDS = { pathway: "Pathway", borough: "Borough", help: "Help" };
  var observer = null;
  var timer = null;
  var shownQuery = null;
  var token = 0;

  // The index, fetched on the first search (once per page: getJSON keeps it).
  function loadIndex(url) {
    return getJSON(url).then(function (data) {
      if (!data.keys) data.keys = Object.keys(data.words);
      return data;
    });
  }

  // Page numbers whose words include every query word (by prefix), best first: pages
  // with a query word in their title, then in the index's order.
  function matches(data, words, rules) {
    var result = null;
    words.forEach(function (word) {
      var found = new Set();
      data.keys.forEach(function (key) {
        if (key.lastIndexOf(word, 0) === 0) data.words[key].forEach(function (n) { found.add(n); });
      });
      result = result === null ? found : new Set(Array.from(result).filter(function (n) { return found.has(n); }));
    });
    var numbers = Array.from(result).sort(function (a, b) { return a - b; });
    function inTitle(n) {
      var titleWords = rules.queryWords(data.pages[n].title);
      return words.some(function (word) {
        return titleWords.some(function (t) { return t.lastIndexOf(word, 0) === 0; });
      });
    }
    return numbers.filter(inTitle).concat(numbers.filter(function (n) { return !inTitle(n); }));
  }

  function item(base, page) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = base + page.url;
    link.textContent = page.title;
    li.appendChild(link);
    var kind = document.createElement("span");
    kind.className = "ch-page-matches__kind";
    kind.textContent = KINDS[page.kind] || "";
    li.appendChild(document.createTextNode(" "));
    li.appendChild(kind);
    return li;
  }

  function show(section, data, numbers) {
    var base = section.getAttribute("data-root") || "";
    var list = section.querySelector("#ch-page-matches-list");
    var more = section.querySelector(".ch-page-matches__more");
    list.textContent = "";
    if (more) more.remove();
    section.hidden = numbers.length === 0;
    numbers.slice(0, SHOWN).forEach(function (n) { list.appendChild(item(base, data.pages[n])); });
    if (numbers.length <= SHOWN) return;
    more = document.createElement("p");
    more.className = "ch-page-matches__more";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ch-button ch-button--secondary";
    button.textContent = "Show all " + numbers.length + " pages";
    button.addEventListener("click", function () {
      numbers.slice(SHOWN).forEach(function (n) { list.appendChild(item(base, data.pages[n])); });
      more.remove();
      list.children[SHOWN].querySelector("a").focus();
    });
    more.appendChild(button);
    section.appendChild(more);
  }

  // The search: the finder's box once the finder has started (it fills the box from
  // the address), the address before that.
  function currentQuery() {
    var input = document.getElementById("ch-q");
    var typed = input ? input.value.trim() : "";
    var finder = document.getElementById("ch-finder");
    if (typed || (finder && finder.classList.contains("ch-finder--ready"))) return typed;
    return (new URLSearchParams(window.location.search).get("q") || "").trim();
  }

  function update() {
    var section = document.getElementById("ch-page-matches");
    if (!section) return;
    var query = currentQuery();
    if (query === shownQuery) return;
    shownQuery = query;
    var current = ++token;
    if (!query) {
      section.hidden = true;
      return;
    }
    var base = section.getAttribute("data-root") || "";
    var words;
    loadTextRules(base).then(function (rules) {
      words = rules.queryWords(query);
      if (!words.length) return null;
      return loadIndex(base + "finder/v1/pages.json").then(function (data) { return [data, rules]; });
    }).then(function (loaded) {
      if (current !== token || !section.isConnected) return;
      if (!loaded) {
        section.hidden = true;
        return;
      }
      show(section, loaded[0], matches(loaded[0], words, loaded[1]));
    }).catch(function () {
      if (current !== token) return;
      section.hidden = true;
      shownQuery = null;  // try again on the next change
    });
  }

  function later(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, delay);
  }

  function boot() {
    if (observer) observer.disconnect();
    observer = null;
    shownQuery = null;
    var count = document.getElementById("ch-result-count");
    if (!document.getElementById("ch-page-matches")) return;
    // Every change the finder makes (a filter relaxed, Back, Reset) rewrites its count.
    if (count) {
      observer = new MutationObserver(function () { later(0); });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
    }
    update();
  }

  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "ch-q") later(250);
  });
  document.addEventListener("reset", function () { later(0); });
  window.addEventListener("popstate", function () { later(0); });
  onEveryPage(boot);
})();
