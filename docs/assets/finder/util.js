/* Small DOM and network helpers shared by the directory's scripts. */

export function el(tag, attrs, text) {
  var node = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (name) {
      if (attrs[name] !== undefined && attrs[name] !== null) node.setAttribute(name, attrs[name]);
    });
  }
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

// Each URL is fetched once per page (the same promise is shared); a failure is forgotten
// so the next call tries again.
var fetchCache = new Map();
export function getJSON(url) {
  if (!fetchCache.has(url)) {
    fetchCache.set(url, fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    }).catch(function (err) { fetchCache.delete(url); throw err; }));
  }
  return fetchCache.get(url);
}

var live;
export function announce(message) {
  if (!live || !document.body.contains(live)) {
    live = el("div", { "class": "ch-visually-hidden", role: "status", "aria-live": "polite" });
    document.body.appendChild(live);
  }
  live.textContent = "";
  window.setTimeout(function () { live.textContent = message; }, 50);
}

// Run boot on every page the visitor sees: on Material's document$ when instant
// navigation swaps pages in, otherwise once the document is there.
export function onEveryPage(boot) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(boot);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
}
