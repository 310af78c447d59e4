import { test } from "node:test";
import assert from "node:assert/strict";
import { NOTE_KEY, NOTE_MAX, noteParagraphs, readNote, writeNote } from "../../docs/assets/finder/handout.js";

// localStorage's interface over a Map; `broken` throws as storage does when it is off.
function storage(broken) {
  const map = new Map();
  const guard = () => { if (broken) throw new Error("SecurityError"); };
  return {
    map,
    getItem(key) { guard(); return map.has(key) ? map.get(key) : null; },
    setItem(key, value) { guard(); map.set(key, String(value)); },
    removeItem(key) { guard(); map.delete(key); },
  };
}

test("the note is kept under its own key and read back as typed", () => {
  const store = storage(false);
  assert.equal(readNote(store), "");
  assert.equal(writeNote(store, "Ask for Brenda.\nMonday at 11.  \n"), "Ask for Brenda.\nMonday at 11.");
  assert.deepEqual([...store.map.keys()], [NOTE_KEY]);
  assert.equal(readNote(store), "Ask for Brenda.\nMonday at 11.");
});

test("an emptied note is removed from storage, not kept as blank text", () => {
  const store = storage(false);
  writeNote(store, "Something");
  assert.equal(writeNote(store, "   \n "), "");
  assert.equal(store.map.size, 0);
});

test("a long note is cut to the box's limit, in storage and when read", () => {
  const store = storage(false);
  assert.equal(writeNote(store, "x".repeat(NOTE_MAX + 50)).length, NOTE_MAX);
  store.map.set(NOTE_KEY, "y".repeat(NOTE_MAX + 1));  // written by hand or an older page
  assert.equal(readNote(store).length, NOTE_MAX);
});

test("storage that is switched off loses the note quietly", () => {
  const store = storage(true);
  assert.equal(readNote(store), "");
  assert.equal(writeNote(store, "Kept in the box only"), "Kept in the box only");
});

test("the printed note has a paragraph per typed line, blank lines dropped", () => {
  assert.deepEqual(noteParagraphs("First line\r\n\n  second line  \n"), ["First line", "second line"]);
  assert.deepEqual(noteParagraphs(""), []);
  assert.deepEqual(noteParagraphs(null), []);
});
