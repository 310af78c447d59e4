/*
 * Creative Health Directory: the activity finder, shortlist buttons, shortlist page and
 * embed builder. Loaded on every page as a module (mkdocs.yml extra_javascript, and the
 * finder embed's page).
 *
 * Progressive enhancement over server-rendered lists. No dependencies, no requests
 * beyond this site's own finder data, and provider text is only ever inserted with
 * textContent. Runs on every page load, including Material's instant navigation
 * (document$), and never relies on DOMContentLoaded alone.
 */
import { Finder } from "./finder.js";
import { ShortlistPage, STORE_KEY, onShortlistClick, refreshShortlistControls } from "./shortlist.js";
import { Builder } from "./builder.js";
// Modules the ones above import, listed here too so the browser fetches them all at
// once rather than discovering them one level at a time.
import { onEveryPage } from "./util.js";
import "./text.js";
import "./words.js";
import "./state.js";
import "./match.js";
import "./counts.js";
import "./cards.js";
import "./handout.js";
import "./panel.js";
import "./near.js";
import "./nearbox.js";

var FINDER_PATH = /\/find\/$/;  // as in the head script (overrides/main.html)
var activeFinder = null;

function onPopState() {
  if (!activeFinder || !document.body.contains(activeFinder.root) || !activeFinder.index) return;
  activeFinder.setControls(new URLSearchParams(window.location.search));
  activeFinder.typing = false;
  activeFinder.update(false, true);
}

function boot() {
  refreshShortlistControls(document);
  var finderRoot = document.querySelector(".ch-finder--interactive");
  activeFinder = null;
  if (finderRoot) {
    activeFinder = new Finder(finderRoot);
    activeFinder.start();
  }
  var shortlistRoot = document.getElementById("ch-shortlist");
  if (shortlistRoot) new ShortlistPage(shortlistRoot).start();
  var builderRoot = document.getElementById("ch-builder");
  if (builderRoot) new Builder(builderRoot).start();
}

// The page head hides the full list when the finder will open filtered, but Material's
// instant navigation swaps pages without running the head again. Its location$ emits
// as each navigation starts (link or Back), before the new page is put in, so the
// same rule is applied then; the finder clears it once its results are shown.
function onLocation(url) {
  // Leaving with the phone's filter panel open (its "Your shortlist" link): put back
  // the rest of the page, which the panel had made inert.
  if (activeFinder && activeFinder.panel && activeFinder.panel.open) {
    activeFinder.panel.setOpen(false, false, true);
  }
  document.documentElement.classList.toggle("ch-finder-pending",
    FINDER_PATH.test(url.pathname) && url.search.length > 1);
}

document.addEventListener("click", onShortlistClick);
window.addEventListener("popstate", onPopState);
if (window.location$ && typeof window.location$.subscribe === "function") {
  window.location$.subscribe(onLocation);
}
window.addEventListener("storage", function (event) {
  if (event.key === STORE_KEY) refreshShortlistControls(document);
});
onEveryPage(boot);
