/*
 * The site menu below 1220 px: Material's navigation drawer, opened by a real button.
 *
 * Material opens its drawer with a checkbox (#__drawer) and <label>s, which a keyboard
 * cannot reach, and leaves the closed drawer's links in the Tab order although they are
 * off screen. Here the header's menu button (overrides/partials/header.html) opens and
 * closes it and says so with aria-expanded; the closed drawer is inert (out of the Tab
 * order and the accessibility tree); the open drawer takes focus, and the rest of the
 * page is inert behind it, as it is covered; Escape closes it and puts focus back on the
 * button. Clicks on Material's own labels (the overlay, the drawer's title) still work:
 * the state follows the checkbox. From 1220 px the drawer is the ordinary sidebar.
 */
var NARROW = "(max-width: 76.234375em)";  // Material's drawer breakpoint
var media = window.matchMedia(NARROW);
var madeInert = [];

function parts() {
  return {
    toggle: document.getElementById("__drawer"),
    button: document.querySelector(".md-header .ch-menu-button"),
    drawer: document.querySelector(".md-sidebar--primary")
  };
}

// Everything but the drawer made inert (and put back): the siblings of the drawer and
// of each of its ancestors up to the body. Material's overlay stays clickable (a click
// on it closes the drawer) and has nothing to focus.
function isolate(drawer, on) {
  madeInert.forEach(function (node) { node.inert = false; });
  madeInert = [];
  if (!on) return;
  for (var node = drawer; node && node !== document.body; node = node.parentElement) {
    var parent = node.parentElement;
    if (!parent) break;
    for (var i = 0; i < parent.children.length; i++) {
      var sibling = parent.children[i];
      if (sibling === node || sibling.inert || sibling.tagName === "SCRIPT" ||
          sibling.classList.contains("md-overlay") || sibling.id === "__drawer") continue;
      sibling.inert = true;
      madeInert.push(sibling);
    }
  }
}

// The drawer's sub-menus (a section such as "For providers", or the page's contents):
// Material slides each in over the drawer when its checkbox is ticked, by a <label>
// that a keyboard cannot reach and that leaves the hidden sub-menu's links in the Tab
// order. On a narrow screen each opener and each sub-menu's title ("back") label is a
// button; a closed sub-menu is inert, and while one is open the level beneath it is.
function levels(drawer) {
  var found = [];
  drawer.querySelectorAll("input.md-nav__toggle[id]").forEach(function (toggle) {
    var nav = toggle.parentElement.querySelector(":scope > nav.md-nav");
    if (!nav) return;
    found.push({
      toggle: toggle,
      nav: nav,
      opener: toggle.parentElement.querySelector(":scope > label.md-nav__link[for='" + toggle.id + "']"),
      back: nav.querySelector(":scope > label.md-nav__title[for='" + toggle.id + "']")
    });
  });
  return found;
}

var levelInert = [];

function asButton(label, on, expanded) {
  if (!label) return;
  if (on) {
    if (!label.hasAttribute("data-ch-tabindex")) label.setAttribute("data-ch-tabindex", label.getAttribute("tabindex") || "");
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (expanded !== null) label.setAttribute("aria-expanded", expanded ? "true" : "false");
  } else if (label.hasAttribute("data-ch-tabindex")) {
    label.setAttribute("tabindex", label.getAttribute("data-ch-tabindex"));
    label.removeAttribute("data-ch-tabindex");
    label.removeAttribute("role");
    label.removeAttribute("aria-expanded");
    label.removeAttribute("aria-label");
  }
}

function syncLevels(drawer, narrow) {
  levelInert.forEach(function (node) { node.inert = false; });
  levelInert = [];
  var all = levels(drawer), deepest = null;
  all.forEach(function (level) {
    var open = level.toggle.checked;
    // Only the sub-menus a narrow screen draws as such (not the wide sidebar's sections).
    var slides = narrow && level.opener && level.opener.getClientRects().length > 0;
    asButton(level.opener, slides, open);
    asButton(level.back, slides, null);
    if (slides && level.back) {
      level.back.setAttribute("aria-label", "Back from " + level.back.textContent.trim());
    }
    if (slides && !open && !level.nav.inert) { level.nav.inert = true; levelInert.push(level.nav); }
    if (slides && open && (!deepest || deepest.nav.contains(level.nav))) deepest = level;
  });
  if (!deepest) return;
  // Everything in the drawer but the open sub-menu is behind it.
  for (var node = deepest.nav; node && node !== drawer; node = node.parentElement) {
    var parent = node.parentElement;
    if (!parent) break;
    for (var i = 0; i < parent.children.length; i++) {
      var sibling = parent.children[i];
      if (sibling !== node && !sibling.inert && sibling.tagName !== "INPUT") {
        sibling.inert = true;
        levelInert.push(sibling);
      }
    }
  }
}

function firstFocusable(drawer) {
  var candidates = drawer.querySelectorAll("a[href], button, input:not([type=checkbox]), [tabindex='0']");
  for (var i = 0; i < candidates.length; i++) {
    if (candidates[i].getClientRects().length) return candidates[i];
  }
  return null;
}

// Bring the button, the drawer and the rest of the page in line with the checkbox.
// refocus: the drawer was closed by one of Material's labels, so focus goes back to
// the button rather than to the page's body.
function sync(refocus) {
  var p = parts();
  if (!p.toggle || !p.button || !p.drawer) return;
  if (!p.drawer.id) p.drawer.id = "ch-menu";
  p.button.setAttribute("aria-controls", p.drawer.id);
  var narrow = media.matches, open = narrow && p.toggle.checked;
  var wasOpen = p.button.getAttribute("aria-expanded") === "true";
  p.button.setAttribute("aria-expanded", open ? "true" : "false");
  p.drawer.inert = narrow && !open;
  isolate(p.drawer, open);
  syncLevels(p.drawer, narrow);
  if (refocus === true && wasOpen && !open && narrow &&
      (document.activeElement === document.body || p.drawer.contains(document.activeElement))) {
    p.button.focus();
  }
}

function setOpen(open) {
  var p = parts();
  if (!p.toggle) return;
  p.toggle.checked = open;
  sync();
  if (open) {
    var first = firstFocusable(p.drawer);
    if (first) first.focus();
  } else {
    p.button.focus();
  }
}

document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest(".md-header .ch-menu-button")) {
    var p = parts();
    if (p.toggle) setOpen(!p.toggle.checked);
  }
});
document.addEventListener("change", function (event) {
  if (event.target.id === "__drawer") sync(true);
  else if (event.target.classList && event.target.classList.contains("md-nav__toggle")) {
    var p = parts();
    if (!p.drawer || !p.drawer.contains(event.target) || !media.matches) return;
    syncLevels(p.drawer, true);
    // Into the sub-menu just opened (its back button), or back to what opened it.
    var level = levels(p.drawer).filter(function (l) { return l.toggle === event.target; })[0];
    var target = level && (event.target.checked ? level.back : level.opener);
    if (target && target.getAttribute("role") === "button") target.focus();
  }
});
// The labels made buttons work from the keyboard as buttons do: Enter and Space, once
// (captured first, as Material's own handler would click a focused label on Enter too).
window.addEventListener("keydown", function (event) {
  var label = event.target;
  if ((event.key === "Enter" || event.key === " ") && label.tagName === "LABEL" &&
      label.getAttribute("role") === "button" && label.closest(".md-sidebar--primary")) {
    event.preventDefault();
    event.stopImmediatePropagation();
    label.click();
  }
}, true);
document.addEventListener("keydown", function (event) {
  var p = parts();
  if (event.key === "Escape" && p.toggle && p.toggle.checked && media.matches) {
    event.preventDefault();
    setOpen(false);
  }
});
if (media.addEventListener) media.addEventListener("change", function () { sync(); });
// Material's instant navigation closes the drawer by setting the checkbox (no change
// event) and swaps the page's parts; each page shown is brought in line.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(function () { sync(); });
} else {
  sync();
}
