"""The SCORM 1.2 suspend data of the worst case: 1,000 modules, every one passed, every
question answered, with every field of the learner record (CONTRACTS.md, including the
optional confidence, FSRS review cards, module version and the reader's name) and a key the
codec does not know. Prints the length of the compressed record, what had to be dropped to fit
4,096 characters, and what came back. A measurement: always exits 0.

    .venv/bin/python benchmarks/suspend_data.py [--modules 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODEC = ROOT / "assets-src/lms/codec.mjs"   # bundled into the launcher's rufbereit-lms.js
TYPES = ("single", "multiple", "true_false", "order", "match", "text", "single", "multiple")
LIMIT = 4000   # what the launcher allows itself of SCORM 1.2's CMIString4096


def answer(kind: str, rng: random.Random):
    if kind == "single":
        return str(rng.randrange(8))
    if kind == "multiple":
        return sorted(rng.sample([str(i) for i in range(8)], 3))
    if kind == "true_false":
        return rng.choice(["true", "false"])
    if kind == "text":
        return rng.choice(["Das ist meine Antwort", "Bedarfsanalyse", "Rückruf vereinbaren"])
    order = [str(i) for i in range(8)]
    rng.shuffle(order)
    return dict(zip([str(i) for i in range(8)], order))


def worst_record(modules: int, seed: int = 7) -> tuple[dict, dict]:
    """The learner record and the package map of a course of `modules` modules, eight
    questions of all six types and two practice calls each; varied scores and dates."""
    rng = random.Random(seed)
    mapping: dict = {"modules": []}
    record: dict = {"course": "bench", "version": 2, "name": "Alexandra Musterfrau-Beispielname",
                    "future-key": {"kept": True}, "modules": {}}
    for m in range(modules):
        mid = f"modul-{m:04d}-telefonieren-lernen"
        questions = [[f"q-{rng.getrandbits(40):010x}", f"{rng.getrandbits(48):012x}", TYPES[i]] for i in range(8)]
        mapping["modules"].append({"id": mid, "q": questions, "quiz": True, "calls": ["anruf-a", "anruf-b"]})
        day = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        record["modules"][mid] = {
            "passed": True, "best": rng.randrange(70, 101), "date": day, "passedDate": day, "read": True,
            "version": f"{rng.getrandbits(48):012x}",
            "questions": {q[0]: {"hash": q[1], "answer": answer(q[2], rng), "correct": rng.random() < 0.9,
                                 "confidence": rng.choice(["sure", "unsure", "guess"])} for q in questions},
            "review": {q[0]: {"due": day + "T08:00:00.000Z", "stability": round(rng.uniform(1, 60), 4),
                              "difficulty": round(rng.uniform(1, 10), 4), "elapsed_days": rng.randrange(30),
                              "scheduled_days": rng.randrange(60), "reps": rng.randrange(10), "lapses": rng.randrange(3),
                              "state": rng.randrange(4), "last_review": day + "T08:00:00.000Z"} for q in questions},
            "checklists": {"vorbereitung": ["headset", "crm-offen", "leitfaden"]},
            "notes": {"einwaende": "Bei Preis-Einwand nach dem Budget fragen, nicht sofort Rabatt."},
            "calls": {c: {"best": rng.randrange(-3, 12), "passed": True, "ending": "ende-gut"} for c in ("anruf-a", "anruf-b")},
        }
    return record, mapping


def run(record: dict, mapping: dict, current: str, limit: int) -> dict:
    node = shutil.which("node")
    if not node:
        raise SystemExit("node is needed")
    code = (f"const C = await import({json.dumps(CODEC.as_uri())});"
            " const p = JSON.parse((await import('fs')).readFileSync(0, 'utf8'));"
            "const t0 = process.hrtime.bigint(); const s = C.encode(p.record, p.map, p.current, p.limit);"
            "const t1 = process.hrtime.bigint(); const back = C.decode(s, p.map, 'bench');"
            "console.log(JSON.stringify({length: s.length, dropped: C.encode.dropped, ms: Number(t1 - t0) / 1e6,"
            " json: JSON.stringify(p.record).length, back: back, text: s}));")
    payload = {"record": record, "map": mapping, "current": current, "limit": limit}
    done = subprocess.run([node, "--input-type=module", "-e", code], input=json.dumps(payload), capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=1000)
    args = parser.parse_args()
    record, mapping = worst_record(args.modules)
    current = mapping["modules"][args.modules // 2]["id"]
    started = time.perf_counter()
    out = run(record, mapping, current, LIMIT)
    back = out["back"]["modules"]
    kept = sum(back.get(mid, {}).get("best") == m["best"] and back[mid].get("passed") is True
               for mid, m in record["modules"].items())
    print(f"modules: {args.modules}; record as JSON: {out['json']:,} characters")
    print(f"suspend data: {out['length']:,} characters (limit {LIMIT:,}; SCORM 1.2 allows 4,096)")
    print(f"dropped to fit: {', '.join(out['dropped']) or 'nothing'}")
    print(f"modules back with pass state and best score: {kept:,} of {args.modules:,}")
    print(f"encode: {out['ms']:.0f} ms in node; whole run {1000 * (time.perf_counter() - started):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
