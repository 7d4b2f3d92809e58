"""`rufbereit diff <git-ref>` (issue 25): what a change of the course text changes for
learners, in words, between two revisions of the full fixture committed to a throw-away
git repository. Golden files (UPDATE_GOLDEN=1 rewrites them) cover every kind of change;
the same pair read backwards covers the removals."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "diff"

NEW_MODULE = """title: Nachbereitung FxModulNeu
summary: Was nach dem Anruf kommt.
duration: 5
objectives:
  - Notizen machen.
sections:
  - title: Notizen
    body: Schreib alles auf.
"""

# (file, old text, new text): one edit of each kind the diff must put into words.
EDITS = [
    ("course.yaml", "      - abschluss\n", "      - abschluss\n      - nachbereitung\n"),
    ("course.yaml", "review_every: 18", "review_every: 12"),
    ("modules/erste-schritte.yaml", "  on: 2026-11-15", "  on: 2027-01-10"),
    ("modules/erste-schritte.yaml", "  pass_mark: 75", "  pass_mark: 80"),
    ("modules/erste-schritte.yaml", "FxOptionRichtig\n          correct: true", "FxOptionRichtig\n          correct: false"),
    ("modules/erste-schritte.yaml", "FxOptionFalsch\n          correct: false", "FxOptionFalsch\n          correct: true"),
    ("modules/erste-schritte.yaml", "Noch eine falsche Antwort FxOptionOhneFeedback", "Eine weitere falsche Antwort FxOptionNeu"),
    ("modules/abschluss.yaml",
     "    - type: true_false\n      prompt: Eine Terminbestätigung per E-Mail ist überflüssig. FxFrageBestaetigung\n"
     "      answer: false\n",
     "    - type: text\n      prompt: Was schreibst du in den Kalender? FxFrageNeu\n      accept:\n        - Termin\n"),
    ("modules/einwaende.yaml", "    pass_points: 3", "    pass_points: 4"),
    ("modules/einwaende.yaml", "FxWahlVorstellen\n            points: 2", "FxWahlVorstellen\n            points: 3"),
    ("modules/einwaende.yaml", "FxWahlWieder\n            points: 1\n            feedback: Das nimmt den Einwand nicht ernst, "
     "FxRueckWieder.\n            next: offen",
     "FxWahlWieder\n            points: 1\n            feedback: Das nimmt den Einwand nicht ernst, "
     "FxRueckWieder.\n            next: nachfassen"),
    ("modules/einwaende.yaml", "    endings:\n",
     "      nachfassen:\n        client: Na gut, wann denn? FxSchrittNachfassen\n        choices:\n"
     "          - say: Dienstag um zehn? FxWahlDienstag\n            points: 1\n            next: termin\n"
     "          - say: Ich melde mich. FxWahlMelden\n            points: 0\n            next: rueckruf\n"
     "    endings:\n"),
    ("modules/einwaende.yaml", "      offen:\n        outcome: neutral\n        debrief: Offen geblieben, FxEndeOffen.\n",
     "      rueckruf:\n        outcome: neutral\n        debrief: Rückruf vereinbart, FxEndeRueckruf.\n"),
    ("modules/einwaende.yaml", "Schade, auf Wiederhören. FxWahlAufgeben", "Schade, dann auf Wiederhören. FxWahlAufgebenNeu"),
]


def git(repo: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the fixture (HEAD~1) and the fixture with every edit (HEAD)."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURES / "full", content)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "vorher")
    for name, old, new in EDITS:
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    (content / "modules" / "nachbereitung.yaml").write_text(NEW_MODULE, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "nachher")
    return repo


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_every_kind_of_change_in_words(repo, rufbereit_main):
    result = rufbereit_main("check", "--content", "content", cwd=repo)
    assert result.returncode == 0, result.stderr  # the edited course is valid
    result = rufbereit_main("diff", "HEAD~1", cwd=repo)
    assert result.returncode == 0, result.stderr
    golden("forward.md", result.stdout)


def test_the_same_change_read_backwards_names_the_removals(repo, rufbereit_main):
    git(repo, "rm", "-q", "content/modules/nachbereitung.yaml")
    git(repo, "checkout", "HEAD~1", "--", "content")
    result = rufbereit_main("diff", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    golden("backward.md", result.stdout)


def test_nothing_changed_and_an_unknown_ref(repo, rufbereit_main):
    result = rufbereit_main("diff", "HEAD", cwd=repo)
    assert result.returncode == 0 and "Für Lernende ändert sich nichts." in result.stdout
    result = rufbereit_main("diff", "gibt-es-nicht", cwd=repo)
    assert result.returncode == 2 and "gibt-es-nicht" in result.stderr and not result.stdout
    result = rufbereit_main("diff", "--upload-pack=touch", cwd=repo)
    assert result.returncode == 2


def test_a_ref_before_the_course_existed(tmp_path, rufbereit_main):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README").write_text("x")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "leer")
    shutil.copytree(FIXTURES / "english", repo / "content")
    result = rufbereit_main("diff", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "There was no course at that point" in result.stdout
