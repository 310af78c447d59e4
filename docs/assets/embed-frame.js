/*
 * Runs inside the directory's embed pages. Tells the page that holds the iframe how
 * tall the content is, so embed.js there can size the frame with no inner scrollbar.
 * The message carries only a number: nothing about the visitor.
 */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = -1;
  var content = document.querySelector(".ch-embed");

  function report() {
    if (!content) return;
    var height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "creative-health:height", height: height }, "*");
  }

  if (window.ResizeObserver) new ResizeObserver(report).observe(content || document.body);
  window.addEventListener("load", report);
  report();
})();
