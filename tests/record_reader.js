// Runs the site's real script (docs/assets/rufbereit.js) under node with a course.js and
// prints how it reads each record file: {file: {record, dropped}} as JSON.
// Usage: node tests/record_reader.js COURSE_JS FILE…   (tests/test_record.py)
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [courseJs, ...files] = process.argv.slice(2);
const nothing = () => {};
const document = {
  readyState: "loading", addEventListener: nothing, dispatchEvent: nothing,
  querySelector: () => null, querySelectorAll: () => [],
};
const store = {};
const localStorage = {
  getItem: (k) => (k in store ? store[k] : null), setItem: (k, v) => { store[k] = String(v); }, removeItem: (k) => { delete store[k]; },
};
const window = { addEventListener: nothing, document, localStorage };
const context = vm.createContext({ window, document, localStorage, CustomEvent: function CustomEvent() {}, console });
vm.runInContext(fs.readFileSync(courseJs, "utf8"), context, { filename: "course.js" });
const script = path.join(__dirname, "..", "docs", "assets", "rufbereit.js");
vm.runInContext(fs.readFileSync(script, "utf8"), context, { filename: "rufbereit.js" });
const out = {};
files.forEach((f) => { out[path.basename(f)] = window.Rufbereit.read(JSON.parse(fs.readFileSync(f, "utf8"))); });
process.stdout.write(JSON.stringify(out));
