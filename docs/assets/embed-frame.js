/*
 * Runs inside the directory's embed pages. Tells the page that holds the iframe how
 * tall the content is, so embed.js there can size the frame with no inner scrollbar.
 * The message carries only a number: nothing about the visitor. It reports on load and
 * whenever the content changes size, and again when the parent window (and only the
 * parent) asks with {type: "creative-health:measure"}: embed.js asks when it starts
 * after the frame has loaded, and when a frame reloads.
 */
(function () {
  "use strict";
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
