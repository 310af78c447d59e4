/*
 * Creative Health Directory: size embedded iframes to their content.
 *
 * Add to the page that holds the iframe, once:
 *   <script src="https://DIRECTORY/assets/embed.js" defer></script>
 * and mark each iframe with the data-creative-health-embed attribute.
 *
 * No dependencies. It accepts only messages that come from the directory's own origin
 * (the origin this script was loaded from, or the one named by a data-origin attribute
 * on the script tag, such as data-origin="https://directory.example.org", for a copy of
 * the script served from elsewhere), from one of the marked iframes, and of the
 * expected shape {type: "creative-health:height", height: <number>}; anything else is
 * ignored. A frame with the documented sandbox (no allow-same-origin) has no origin of
 * its own and sends from "null": that is accepted only from a marked frame with such a
 * sandbox whose address is on the directory's origin. Without this script the iframe keeps its height attribute and scrolls inside.
 * Frames report their height when they load; this script also asks each marked frame
 * for it when it starts (the frame may have loaded first) and whenever a frame loads.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, window.location.href).origin;
  var named = script.getAttribute("data-origin");
  if (named !== null) {
    var url = null;
    try { url = new URL(named); } catch (e) { /* reported below */ }
    if (!url || !/^https?:$/.test(url.protocol) || url.href !== url.origin + "/") {
      console.error("Creative Health embed.js: data-origin=\"" + named + "\" is not a web " +
        "address's origin. Use the directory's scheme and host only, such as " +
        "data-origin=\"https://directory.example.org\". No iframe will be resized.");
      return;
    }
    origin = url.origin;
  }
  var MAX_HEIGHT = 50000; // px; anything taller is not a real embed
  var SELECTOR = "iframe[data-creative-health-embed]";

  // The request carries no data, so it goes to "*": naming the origin would log an error
  // for a frame that has not loaded its page yet. Only the directory's frames are asked.
  function ask(frame) {
    if (!frame.contentWindow || frame.src.indexOf(origin + "/") !== 0) return;
    frame.contentWindow.postMessage({ type: "creative-health:measure" }, "*");
  }

  // A frame sandboxed without allow-same-origin (as the directory's snippet is) has no
  // origin of its own, so its messages come from origin "null". Those are accepted only
  // from a marked, sandboxed frame that was given one of the directory's pages.
  function sender(frame, eventOrigin) {
    if (eventOrigin === origin) return true;
    if (eventOrigin !== "null" || frame.src.indexOf(origin + "/") !== 0) return false;
    return frame.hasAttribute("sandbox") && !frame.sandbox.contains("allow-same-origin");
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin && event.origin !== "null") return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "creative-health:height") return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        if (sender(frames[i], event.origin)) frames[i].style.height = Math.ceil(height) + "px";
        return;
      }
    }
  });

  function start() {
    document.querySelectorAll(SELECTOR).forEach(function (frame) {
      frame.addEventListener("load", function () { ask(frame); });
      ask(frame);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
