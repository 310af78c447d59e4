/* The search words' rules for this site, fetched once (finder/v1/text.json). */
import { getJSON } from "./util.js";
import { textRules } from "./text.js";

var loaded = new Map();  // site root -> promise of the rules
export function loadTextRules(base) {
  if (!loaded.has(base)) {
    loaded.set(base, getJSON(base + "finder/v1/text.json").then(textRules).catch(function (err) {
      loaded.delete(base);
      throw err;
    }));
  }
  return loaded.get(base);
}
