/* Rufbereit: practice calls. Reads the choose-your-path markup of
   generator/rufbereit/render/templates/section_call.html (every step and ending an anchor,
   every choice a link) and replaces it with a conversation that grows step by step. Results
   are kept through the site's seam (site.mjs `api`), as modules[<module>].calls[<call>] =
   {best, passed, ending}. Course text is only ever moved as DOM nodes or set as textContent:
   it never becomes markup or script here. */
import { T } from "./course.mjs";
import { $, $$, el } from "./dom.mjs";
import { shuffledUnlike } from "./order.mjs";
import { betterRun, callPassed } from "./scoring.mjs";
import { api } from "./site.mjs";
import { BUTTON } from "./theme.mjs";
import { fill, isObj, today } from "./util.mjs";

const signed = (n) => (n > 0 ? "+" : "") + n;
const points = (n) => fill(Math.abs(n) === 1 ? T.call_point_one : T.call_point_many, { points: signed(n) });

/* The call as data, read once from the static markup. */
function readCall(box) {
  const steps = {}, endings = {};
  $$(".rb-call-step", box).forEach((s) => {
    steps[s.dataset.rbStep] = {
      said: $(".rb-call-said", s),
      choices: $$(".rb-call-option", s).map((li) => ({
        say: $(".rb-call-say", li).textContent,
        points: parseInt(li.dataset.rbPoints, 10) || 0,
        next: li.dataset.rbNext,
        feedback: $(".rb-call-feedback-text", li),
      })),
    };
  });
  $$(".rb-call-ending", box).forEach((e) => {
    endings[e.dataset.rbEnding] = {
      said: $(".rb-call-said", e),
      outcome: e.dataset.rbOutcome,
      label: $(".rb-call-outcome", e).textContent,
      debrief: $(".rb-call-debrief", e),
    };
  });
  const who = $(".rb-call-who", box);
  return { steps, endings, persona: who ? who.textContent : T.call_persona };
}

// The rendered (already sanitised) course HTML is copied node by node into `into`.
function copy(from, into) {
  into.textContent = "";
  Array.from(from.childNodes).forEach((n) => into.appendChild(n.cloneNode(true)));
  return into;
}

function line(role, who, content) {
  const row = el("div", "rb-line rb-line-" + role);
  row.appendChild(el("p", "rb-call-who", who));
  const said = el("div", "rb-call-said");
  if (typeof content === "string") said.textContent = content;
  else copy(content, said);
  row.appendChild(said);
  return row;
}

// Points against what passing takes (never "−6 von 4"): a score below zero reads as one.
function resultText(score, pass, passed) {
  const total = fill(Math.abs(score) === 1 ? T.call_point_one : T.call_point_many, { points: String(score).replace("-", "−") });
  return fill(T.call_result, { points: total, pass }) + " – " + (passed ? T.passed : T.failed);
}

function stored(moduleId, callId) {
  const d = api.data();
  const m = d && isObj(d.modules) ? d.modules[moduleId] : null;
  const c = m && isObj(m.calls) ? m.calls[callId] : null;
  return isObj(c) && typeof c.best === "number" ? c : null;
}

function remember(moduleId, callId, score, passed, ending) {
  if (!api.data()) return;   // a page without a course (the preview's problem page)
  const m = api.module(moduleId), old = isObj(m.calls) ? m.calls[callId] : null;
  m.calls = isObj(m.calls) ? m.calls : {};
  if (betterRun(isObj(old) ? old : null, score, passed)) m.calls[callId] = Object.assign(isObj(old) ? old : {}, { best: score, passed, ending });
  m.date = today();
  api.save();
}

function initCall(box) {
  if (box.dataset.rbReady) return;
  box.dataset.rbReady = "1";
  const call = readCall(box);
  const pass = parseInt(box.dataset.rbPass, 10) || 0, moduleId = box.dataset.rbModule, callId = box.dataset.rbCall;
  const script = $(".rb-call-script", box), shuffle = box.dataset.rbShuffle !== "false";

  const player = el("div", "rb-call-player");
  const previous = el("p", "rb-call-best");
  const log = el("div", "rb-call-log rb-transcript");
  log.setAttribute("role", "log");
  log.setAttribute("aria-label", T.call_log);
  const now = el("div", "rb-call-now");
  now.setAttribute("role", "group");
  now.setAttribute("aria-label", T.call_choices);
  const end = el("div", "rb-call-end");
  const outcome = el("p", "rb-call-outcome");
  const result = el("p", "rb-call-result");
  result.setAttribute("role", "status");
  const debrief = el("div", "rb-call-debrief");
  const again = el("button", BUTTON + " rb-call-restart", T.call_restart);
  again.type = "button";
  // The status stays in the page from the start: a live region that appears together with
  // its text is not announced by every screen reader.
  outcome.tabIndex = -1;
  end.append(outcome, result, debrief, again);
  player.append(previous, log, now, end);
  script.hidden = true;
  script.after(player);

  let score = 0, current = null;
  const shown = {};   // step id -> the order of its choices in the last play
  const showEnd = (shown) => { [outcome, debrief, again].forEach((e) => { e.hidden = !shown; }); };
  const showPrevious = () => {
    const s = stored(moduleId, callId);
    previous.hidden = !s;
    if (s) previous.textContent = T.call_best + " " + resultText(s.best, pass, !!s.passed);
  };
  const showStep = (id, focus) => {
    const step = call.steps[id];
    current = id;
    const said = line("client", call.persona, step.said);
    log.appendChild(said);
    now.textContent = "";
    // A new order on every play, so the position of the best answer tells nothing; the
    // index stays the one in the source, for the record and the LMS.
    let order = step.choices.map((choice, index) => ({ choice, index }));
    if (shuffle) {
      const before = shown[id] || order.map((x) => x.index);
    order = shuffledUnlike(order, (o) => o.every((x, i) => x.index === before[i]));
      shown[id] = order.map((x) => x.index);
    }
    order.forEach(({ choice, index }) => {
      const b = el("button", BUTTON + " rb-call-choice", choice.say);
      b.type = "button";
      b.addEventListener("click", () => choose(choice, index));
      now.appendChild(b);
    });
    now.hidden = false;
    // Focus goes to what the client just said, never onto one choice: a focused button is
    // drawn differently and would single out an answer.
    if (focus) { said.tabIndex = -1; said.focus(); }
  };
  const choose = (choice, index) => {
    score += choice.points;
    // The LMS bridge records every choice as an interaction.
    document.dispatchEvent(new CustomEvent("rufbereit:call-choice", { detail: {
      module: moduleId, call: callId, step: current, choice: String(index + 1), points: choice.points, next: choice.next,
    } }));
    log.appendChild(line("caller", T.call_you, choice.say));
    const note = el("div", "rb-call-note");
    if (choice.feedback) note.appendChild(copy(choice.feedback, el("p")));
    note.appendChild(el("p", "rb-call-points", points(choice.points)));
    log.appendChild(note);
    if (call.steps[choice.next]) showStep(choice.next, true);
    else finish(choice.next);
  };
  const finish = (id) => {
    const ending = call.endings[id];
    if (!ending) return;
    now.textContent = "";
    now.hidden = true;
    if (ending.said) log.appendChild(line("client", call.persona, ending.said));
    const passed = callPassed(ending.outcome, score, pass);
    outcome.textContent = ending.label;
    outcome.dataset.rbOutcome = ending.outcome;
    result.textContent = resultText(score, pass, passed);
    result.className = "rb-call-result " + (passed ? "rb-passed" : "rb-failed");
    copy(ending.debrief, debrief);
    showEnd(true);
    document.dispatchEvent(new CustomEvent("rufbereit:call-end", { detail: {
      module: moduleId, call: callId, ending: id, outcome: ending.outcome, points: score, passed,
    } }));
    remember(moduleId, callId, score, passed, id);   // then the record, and a changed status
    showPrevious();
    outcome.focus();
  };
  const start = (focus) => {
    score = 0;
    log.textContent = "";
    showEnd(false);
    result.textContent = "";
    showStep(box.dataset.rbStart, focus);
  };
  again.addEventListener("click", () => start(true));
  showPrevious();
  start(false);
}

export function init() {
  $$("[data-rb-call]").forEach(initCall);
}
