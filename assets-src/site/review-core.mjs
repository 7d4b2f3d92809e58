/* Spaced review, the pure part: the scheduler is FSRS (ts-fsrs with its default weights,
   bundled from npm, pinned in package.json).

   Every question a reader checks gets a schedule in the learner record:
   modules[<module>].review[<question>] = the FSRS card (due, stability, difficulty, …) plus
   hash (the question's answer key when it was scheduled), correct, confidence and streak.
   Ratings: wrong → Again; right but guessed → Hard; right, or fairly sure → Good; right and
   sure → Easy. No same-day learning steps: a course is read over days, so the shortest
   interval is one day, except for a confident error (sure but wrong), which comes back the
   same day. Days are the reader's calendar days, kept as noon UTC of that day so that FSRS
   counts whole days. Reviews never touch a module's answers or pass result. */
import { createEmptyCard, fsrs, generatorParameters } from "ts-fsrs";
import { dayOf, isObj } from "./util.mjs";

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, learning_steps: [], relearning_steps: [] }));
const CARD = ["due", "stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "state", "last_review"];
const KNOWN = CARD.concat(["hash", "correct", "confidence", "streak"]);
// A calendar day (YYYY-MM-DD, the reader's local day) as FSRS's clock.
const noon = (day) => new Date(day + "T12:00:00Z");

export const rating = (correct, confidence) => (!correct ? 1 : confidence === "guess" ? 2 : confidence === "sure" ? 4 : 3);
function toCard(entry, now) {
  if (!isObj(entry) || typeof entry.due !== "string") return createEmptyCard(now);
  const card = {};
  CARD.forEach((k) => { card[k] = entry[k]; });
  card.due = new Date(entry.due);
  card.last_review = entry.last_review ? new Date(entry.last_review) : undefined;
  card.learning_steps = entry.learning_steps || 0;
  return card;
}
// The entry after one answer on `day`. A changed answer key (hash) starts a new schedule.
export function schedule(entry, answer, day) {
  const now = noon(day);
  const fresh = !isObj(entry) || entry.hash !== answer.hash;
  const card = scheduler.next(toCard(fresh ? null : entry, now), now, rating(answer.correct, answer.confidence)).card;
  const out = {};
  CARD.forEach((k) => { const v = card[k]; if (v !== undefined) out[k] = v instanceof Date ? v.toISOString() : v; });
  if (!answer.correct && answer.confidence === "sure") out.due = now.toISOString();
  out.hash = answer.hash;
  out.correct = !!answer.correct;
  if (answer.confidence) out.confidence = answer.confidence;
  out.streak = answer.correct ? (fresh ? 0 : entry.streak || 0) + 1 : 0;
  return out;
}
const STAMP = /^\d{4}-\d{2}-\d{2}T/;
// A schedule this code can read (not one written by a newer page).
export const readable = (e) => isObj(e) && typeof e.due === "string" && STAMP.test(e.due) && Object.keys(e).every((k) => KNOWN.indexOf(k) >= 0);
const entries = (record, id) => {
  const m = isObj(record) && isObj(record.modules) ? record.modules[id] : null;
  const r = isObj(m) && isObj(m.review) ? m.review : {};
  return Object.keys(r).filter((q) => isObj(r[q]) && STAMP.test(r[q].due)).map((q) => [q, r[q]]);
};
// Due on or before `today` (YYYY-MM-DD), interleaved: one question of each module in turn,
// oldest first within a module, so that similar questions do not come in a block.
export function dueList(record, moduleIds, today) {
  const lists = moduleIds.map((id) => entries(record, id).filter(([, e]) => dayOf(e.due) <= today)
    .sort((a, b) => (a[1].due < b[1].due ? -1 : a[1].due > b[1].due ? 1 : 0)).map(([q, e]) => ({ module: id, question: q, due: e.due })));
  const out = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) lists.forEach((l) => { if (i < l.length) out.push(l[i]); });
  return out;
}
// The earliest due date of all schedules, or null when nothing is scheduled.
export const nextDue = (record, moduleIds) => moduleIds.flatMap((id) => entries(record, id).map(([, e]) => e.due)).sort()[0] || null;
// "Sicher gewusst": right twice in a row, the last time not guessed.
export const known = (record, id) => entries(record, id).filter(([, e]) => e.streak >= 2 && e.confidence !== "guess").length;
