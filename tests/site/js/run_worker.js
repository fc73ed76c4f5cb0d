// Runs the site's composed search worker under node for tests/site/test_search_text.py.
// argv[2]: the composed worker script; stdin: {"words": [...], "texts": [...],
// "index": {"docs": [...]}, "queries": [...]}; stdout: stems, terms and search results.
"use strict";
const fs = require("fs");
const vm = require("vm");

const listeners = [];
const sandbox = {
  addEventListener: (type, fn) => listeners.push(fn),
  postMessage: () => {},
};
sandbox.self = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const api = sandbox.SopSearch;
const out = {
  stems: input.words.map((w) => api.analyse(w).map((t) => t.term).join(" ")),
  terms: input.texts.map((t) => api.analyse(t).map((x) => x.term)),
  results: {},
};
if (input.index) {
  api.setup(input.index);
  for (const q of input.queries) {
    out.results[q] = api.search(q).items.map((group) => group.map((i) => i.location));
  }
}
process.stdout.write(JSON.stringify(out));
