"""Practice calls: the graph analysis (best total, loop check, reachability) on long calls.

A call of N steps is seeded and the same on every run: each step has two to four choices
that lead only forward (to one of the next ten steps or to one of three endings), so there
are no loops and the number of paths grows exponentially, while the analysis stays linear
in steps + choices. Measured in-process: `analyse` alone, all `check` rules of the call
(`call_problems`), and `load_content` of a one-module course holding the call (YAML,
validation and every rule). Run alone with `.venv/bin/python benchmarks/calls.py`.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generator"))

from rufbereit.content.calls import analyse, call_problems  # noqa: E402
from rufbereit.content.load import load_content  # noqa: E402

SIZES = (200, 400, 800)
BUDGET_200 = 0.05  # seconds for analysis plus rules of a 200-step call (was an assertion in tests/test_calls.py)


def call_data(steps: int, seed: int = 13) -> dict:
    rng = random.Random(seed)
    endings = {"termin": "success", "offen": "neutral", "aufgelegt": "failure"}
    data = {}
    for index in range(steps):
        targets = [f"s{n}" for n in range(index + 1, min(index + 11, steps))] or ["termin"]
        count = rng.randint(2, 4)
        picks = [rng.choice(targets) for _ in range(count - 1)] + [rng.choice(list(endings))]
        data[f"s{index}"] = {
            "client": f"Was die Kundin in Schritt {index} sagt.",
            "choices": [{"say": f"Antwort {c} in Schritt {index}", "points": rng.randint(-2, 3),
                         "feedback": "Kurze Rückmeldung.", "next": target} for c, target in enumerate(picks)],
        }
    # Every step is reachable: step n+1 is always one of step n's targets.
    for index in range(steps - 1):
        data[f"s{index}"]["choices"][0]["next"] = f"s{index + 1}"
    return {"title": "Langer Anruf", "kind": "call", "start": "s0", "steps": data,
            "endings": {e: {"outcome": o, "debrief": "Nachbesprechung."} for e, o in endings.items()}}


def write_course(folder: Path, section: dict) -> Path:
    (folder / "modules").mkdir(parents=True)
    (folder / "course.yaml").write_text("title: Bench\ntracks:\n  - title: A\n    modules: [anruf]\n", encoding="utf-8")
    module = {"title": "Anruf", "summary": "Ein langer Anruf.", "duration": 10, "objectives": ["Üben."], "sections": [section]}
    (folder / "modules" / "anruf.yaml").write_text(yaml.safe_dump(module, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def median(action, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure() -> list[tuple[str, str, str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="rufbereit-calls-") as temporary:
        for size in SIZES:
            content = load_content(write_course(Path(temporary) / str(size), call_data(size)))
            source = content.modules["anruf"]
            section = source.model.sections[0]
            choices = sum(len(step.choices) for step in section.steps.values())
            result = analyse(section)
            assert not content.errors and result.best is not None, content.errors[:3]
            t_analyse = median(lambda: analyse(section))
            t_rules = median(lambda: call_problems(source.file, source.document, ("sections", 0), section))
            t_load = median(lambda: load_content(Path(temporary) / str(size)), repeat=5)
            budget = f"≤ {BUDGET_200 * 1000:.0f} ms" if size == 200 else "(linear)"
            verdict = ("PASS" if t_rules <= BUDGET_200 else "MISS") if size == 200 else "—"
            rows.append((f"practice call, {size} steps / {choices} choices",
                         f"analysis {t_analyse * 1000:.2f} ms, all call rules {t_rules * 1000:.2f} ms",
                         f"load_content of the course {t_load * 1000:.0f} ms; {result.paths:.3g} paths, best total {result.best}",
                         budget, verdict))
            print(f"  call {size} steps: analyse {t_analyse * 1000:.2f} ms, rules {t_rules * 1000:.2f} ms, "
                  f"load {t_load * 1000:.0f} ms, {result.paths:.3g} paths", flush=True)
    return rows + [alias_bomb()]


ALIAS_BOMB_BUDGET = 2.0  # seconds to refuse a billion-laughs file (tests/broken/billion-laughs)


def alias_bomb() -> tuple[str, str, str, str, str]:
    """The refusal of YAML aliases, timed: tests/test_check_corpus.py checks that it happens."""
    folder = ROOT / "tests" / "broken" / "billion-laughs"
    seconds = median(lambda: load_content(folder), repeat=5)
    print(f"  billion laughs refused in {seconds * 1000:.0f} ms", flush=True)
    return ("billion-laughs file refused", f"{seconds * 1000:.0f} ms in process", "load_content", f"≤ {ALIAS_BOMB_BUDGET:.0f} s",
            "PASS" if seconds <= ALIAS_BOMB_BUDGET else "MISS")


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
