// Reads each record file with the site's own reader (assets-src/site/record.mjs, bundled into
// docs/assets/rufbereit.js) and a course.js, and prints {file: {record, dropped}} as JSON.
// Usage: node tests/record_reader.mjs COURSE_JS FILE…   (tests/test_record.py)
import fs from "fs";
import path from "path";
import { dataIn } from "../assets-src/global.mjs";
import { recordReader } from "../assets-src/site/record.mjs";

const [courseJs, ...files] = process.argv.slice(2);
const course = dataIn(fs.readFileSync(courseJs, "utf8"), "course");
const reader = recordReader(course), out = {};
files.forEach((f) => { out[path.basename(f)] = reader.read(JSON.parse(fs.readFileSync(f, "utf8"))); });
process.stdout.write(JSON.stringify(out));
