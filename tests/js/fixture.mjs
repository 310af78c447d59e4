// A small finder index in the shape finder_data.py writes, for the pure modules' tests:
// two facets (the second with more options than one 30-bit word holds), then the age
// range and flags, in an order given by "columns" (not the facets' order) so a reader
// that relied on positions would fail.
export const FLAGS = { free: 1, paused: 2, closed: 4, nofee: 8, weekly: 16 };

const many = Array.from({ length: 33 }, (_, i) => "o" + i);

// Items as named values; index() lays them out by the columns.
const records = [
  // Held in Lewisham; free, every week.
  { borough: ["lewisham"], held: ["lewisham"], art: ["o0"], age_min: 0, age_max: 999,
    flags: FLAGS.free | FLAGS.nofee | FLAGS.weekly },
  // Held in Southwark, also serving Lewisham; by donation, monthly.
  { borough: ["lewisham", "southwark"], held: ["southwark"], art: ["o31"], age_min: 18, age_max: 999,
    flags: FLAGS.nofee },
  // Online only, serving Southwark.
  { borough: ["southwark"], held: [], art: ["o0", "o32"], age_min: 0, age_max: 12,
    flags: FLAGS.free | FLAGS.nofee | FLAGS.paused },
  // Held in Greenwich; paid, weekly.
  { borough: ["greenwich"], held: ["greenwich"], art: [], age_min: 65, age_max: 999,
    flags: FLAGS.closed | FLAGS.weekly },
];

function mask(codes, options, bits) {
  const words = new Array(Math.ceil(options.length / bits) || 1).fill(0);
  codes.forEach((code) => {
    const i = options.indexOf(code);
    words[Math.floor(i / bits)] |= 1 << (i % bits);
  });
  return words.length === 1 ? words[0] : words;
}

export function index() {
  const facets = [
    { name: "borough", options: ["greenwich", "lewisham", "southwark"] },
    { name: "art", options: many },
  ];
  const columns = ["flags", "art", "age_max", "held", "borough", "age_min"];
  const bits = 30;
  const items = records.map((r) => columns.map((c) => {
    const facet = facets.find((f) => f.name === (c === "held" ? "borough" : c));
    return facet ? mask(r[c], facet.options, bits) : r[c];
  }));
  return { version: 1, count: items.length, chunk_size: 100, word_bits: bits, facets, columns,
           flags: FLAGS, shards: ["da", "si"], items };
}

export function state(changes = {}) {
  return { q: "", age: null, where: "", free: false, nofee: false, weekly: false, active: false, facets: { borough: [], art: [] }, ...changes };
}
