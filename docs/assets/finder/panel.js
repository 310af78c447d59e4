/*
 * Below 768 px the finder's filters sit in a panel over the page, opened by the
 * "Filters" button above the results, so a phone shows the results first. While open
 * the panel is a modal dialog: everything else on the page is inert, focus moves into
 * it and Escape, "Close" or "Show N results" close it and put focus back. While closed
 * (on a phone) the panel itself is inert. At 768 px and wider it is an ordinary column.
 */
export var NARROW = "(max-width: 767.98px)";

export function FilterPanel(root) {
  this.root = root;
  this.panel = root.querySelector("#ch-finder-panel");
  this.opener = root.querySelector("#ch-filters-open");
  this.closer = root.querySelector("#ch-filters-close");
  this.show = root.querySelector("#ch-filters-show");
  this.title = root.querySelector("#ch-finder-panel-title");
  this.open = false;
  this.madeInert = [];
}

FilterPanel.prototype.start = function () {
  var self = this;
  if (!this.panel || !this.opener) return this;
  this.media = window.matchMedia(NARROW);
  this.opener.addEventListener("click", function () { self.setOpen(true); });
  this.closer.addEventListener("click", function () { self.setOpen(false); });
  this.show.addEventListener("click", function () { self.setOpen(false, true); });
  this.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && self.open) { event.preventDefault(); self.setOpen(false); }
  });
  this.onMedia = function () { self.setOpen(false, false, true); };
  if (this.media.addEventListener) this.media.addEventListener("change", this.onMedia);
  this.setOpen(false, false, true);
  return this;
};

FilterPanel.prototype.narrow = function () { return this.media.matches; };

// Everything outside the panel made inert (and put back): the siblings of the panel
// and of each of its ancestors up to the body.
FilterPanel.prototype.isolate = function (on) {
  if (!on) {
    this.madeInert.forEach(function (node) { node.inert = false; });
    this.madeInert = [];
    return;
  }
  for (var node = this.panel; node && node !== document.body; node = node.parentElement) {
    var parent = node.parentElement;
    if (!parent) break;
    for (var i = 0; i < parent.children.length; i++) {
      var sibling = parent.children[i];
      if (sibling !== node && !sibling.inert && sibling.tagName !== "SCRIPT") {
        sibling.inert = true;
        this.madeInert.push(sibling);
      }
    }
  }
};

// quiet: no focus change (on start, and when the screen is resized).
FilterPanel.prototype.setOpen = function (open, toResults, quiet) {
  var narrow = this.narrow();
  open = open && narrow;
  var was = this.open;
  this.open = open;
  this.root.classList.toggle("ch-finder--panel-open", open);
  document.documentElement.classList.toggle("ch-panel-open", open);
  this.opener.setAttribute("aria-expanded", open ? "true" : "false");
  if (open) {
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-modal", "true");
    this.panel.setAttribute("aria-labelledby", "ch-finder-panel-title");
  } else {
    this.panel.removeAttribute("role");
    this.panel.removeAttribute("aria-modal");
    this.panel.removeAttribute("aria-labelledby");
  }
  this.panel.inert = narrow && !open;
  this.isolate(open);
  if (quiet) return;
  if (open) this.title.focus();
  else if (was && toResults) this.root.querySelector("#ch-result-count").focus();
  else if (was) this.opener.focus();
};

// The panel's "Show N results" button and the opener's count of filters in use.
FilterPanel.prototype.describe = function (total, filters) {
  if (!this.show) return;
  this.show.textContent = total === 1 ? "Show 1 result" : "Show " + total + " results";
  var count = this.root.querySelector("#ch-filters-open-count");
  if (count) count.textContent = filters ? " (" + filters + " in use)" : "";
};
