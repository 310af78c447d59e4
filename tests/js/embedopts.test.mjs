import { test } from "node:test";
import assert from "node:assert/strict";
import { checkLimit, checkPixels } from "../../docs/assets/finder/embedopts.js";

test("a limit is empty (all) or a whole number from 1 to the page size", () => {
  assert.deepEqual(checkLimit("", 50), { value: null });
  assert.deepEqual(checkLimit("  ", 50), { value: null });
  assert.deepEqual(checkLimit("1", 50), { value: 1 });
  assert.deepEqual(checkLimit(" 50 ", 50), { value: 50 });
  for (const bad of ["0", "51", "-3", "2.5", "ten", "1e2", "5px"]) {
    assert.equal(checkLimit(bad, 50).error,
      "Type a whole number from 1 to 50, or leave it empty to show every activity.", bad);
  }
});

test("a fixed height is a whole number of pixels from 200 to 4000, never replaced", () => {
  assert.deepEqual(checkPixels("600"), { value: 600 });
  assert.deepEqual(checkPixels("200"), { value: 200 });
  assert.deepEqual(checkPixels("4000"), { value: 4000 });
  for (const bad of ["50", "199", "4001", "99999", "", "600.5", "tall"]) {
    assert.match(checkPixels(bad).error, /^Type a height from 200 to 4000 pixels/, bad);
  }
});
