import { test } from "node:test";
import assert from "node:assert/strict";
import { AGE_MAX, AGE_MIN, checkAge, readState } from "../../docs/assets/finder/state.js";

const RANGE = "Enter a whole number of years from 0 to 120.";

test("the ages the finder can use are whole years from 0 to 120", () => {
  assert.equal(AGE_MIN, 0);
  assert.equal(AGE_MAX, 120);
  for (const [text, age] of [["0", 0], ["7", 7], ["75", 75], [" 120 ", 120], ["075", 75]]) {
    assert.deepEqual(checkAge(text), { age, error: "" }, text);
  }
});

test("an empty box is no age filter, and no error", () => {
  for (const text of ["", "  ", null, undefined]) assert.deepEqual(checkAge(text), { age: null, error: "" });
});

test("an age out of range or not a number is an error that says the range", () => {
  const cases = {
    "150": "\u201c150\u201d is more than 120. ",
    "121": "\u201c121\u201d is more than 120. ",
    "-3": "\u201c-3\u201d is less than 0. ",
    "-0.5": "\u201c-0.5\u201d is less than 0. ",
    "12.5": "\u201c12.5\u201d is not a whole number. ",
    "1e5": "\u201c1e5\u201d is not an age. ",
    "ten": "\u201cten\u201d is not an age. ",
  };
  for (const [text, start] of Object.entries(cases)) {
    assert.deepEqual(checkAge(text), { age: null, error: start + RANGE }, text);
  }
  // Text a number field could not read: its value is "" but it is not empty.
  assert.deepEqual(checkAge("", true), { age: null, error: "That is not an age. " + RANGE });
});

test("an address with an unusable age has no age filter", () => {
  for (const age of ["150", "-3", "12.5", "x"]) {
    assert.equal(readState(new URLSearchParams("age=" + age), []).age, null, age);
  }
  assert.equal(readState(new URLSearchParams("age=70"), []).age, 70);
});
