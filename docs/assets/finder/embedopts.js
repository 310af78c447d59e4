/*
 * The embed builder's checks on what a person types, kept apart from the page so they
 * can be tested alone (tests/js/embedopts.test.mjs). Each check takes the field's text
 * and returns {value} or {error}: a sentence that says what to type instead. Nothing
 * is ever quietly replaced by another number.
 *
 * embed-frame.js (inside the frame) applies the same rule to ?limit= : keep the two
 * in step.
 */

// The height of a fixed-height frame, in pixels.
export var PIXELS_MIN = 200;
export var PIXELS_MAX = 4000;
export var PIXELS_DEFAULT = 600;

// What a frame shows when its limit is wrong (it says so inside the frame too).
export var LIMIT_FALLBACK = 20;

var WHOLE = /^\d+$/;

function whole(text) {
  var trimmed = String(text == null ? "" : text).trim();
  return WHOLE.test(trimmed) ? parseInt(trimmed, 10) : null;
}

// How many activities a list embed shows: empty for all of them (a page at a time),
// else a whole number from 1 to max (the site's embed_page_size).
export function checkLimit(text, max) {
  if (String(text == null ? "" : text).trim() === "") return { value: null };
  var n = whole(text);
  if (n === null || n < 1 || n > max) {
    return { error: "Type a whole number from 1 to " + max + ", or leave it empty to show every activity." };
  }
  return { value: n };
}

export function checkPixels(text) {
  var n = whole(text);
  if (n === null || n < PIXELS_MIN || n > PIXELS_MAX) {
    return { error: "Type a height from " + PIXELS_MIN + " to " + PIXELS_MAX + " pixels, as a whole number such as " + PIXELS_DEFAULT + "." };
  }
  return { value: n };
}
