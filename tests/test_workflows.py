"""Guards for the GitHub Actions workflows and the Dependabot configuration.

The linters run exactly as the issue "Publishing" prescribes; the structural
checks pin down the properties the README promises (pinned actions, least
privilege, no credentials left in .git/config, only documented make targets).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
DEPENDABOT = GITHUB / "dependabot.yml"
README = ROOT / "README.md"
# The vetted pins, a copy of the project's shared list kept in the repository, so that the
# check runs wherever the repository does (a GitHub runner has no ../shared).
PINS = GITHUB / "actions-pins.md"

# The tools come with the `test` extra, in the same environment as pytest.
BIN = Path(sys.executable).parent
SHA_RE = re.compile(r"^[0-9a-f]{40}$")


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} not found at {path}; install the test extra: pip install -e '.[test]'")
    return path


def _run(cmd: list[str | Path]) -> None:
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = f"$ {shlex.join(str(c) for c in cmd)}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    print(output)
    assert proc.returncode == 0, f"exit code {proc.returncode}\n{output}"


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _triggers(workflow: dict):
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def _jobs(workflow: dict) -> dict:
    return workflow.get("jobs") or {}


def _steps(workflow: dict):
    for job_id, job in _jobs(workflow).items():
        for step in job.get("steps") or []:
            yield job_id, step


def _uses(workflow: dict):
    """Every `uses:` of the workflow, at step level and job level (reusable workflows)."""
    for job_id, job in _jobs(workflow).items():
        if "uses" in job:
            yield job_id, job["uses"]
        for step in job.get("steps") or []:
            if "uses" in step:
                yield job_id, step["uses"]


def _pins() -> dict[tuple[str, str], str]:
    """(action, sha) -> tag, from the table in actions-pins.md."""
    pins = {}
    for line in PINS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and SHA_RE.match(cells[2]):
            pins[(cells[0], cells[2])] = cells[1]
    return pins


# Options of make that take a separate argument, so the argument is no target.
_MAKE_OPTS_WITH_ARG = {"-C", "-f", "-I", "-j", "-l", "-o", "-W", "--file", "--directory"}
_SHELL_OPERATORS = {"&&", "||", ";", "|", "&", "(", ")"}


def _make_targets(script: str) -> list[str]:
    """The targets of every `make` invocation in a run: script."""
    targets = []
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            tokens = list(lexer)
        except ValueError:  # e.g. a heredoc body line with an odd quote
            tokens = line.split()
        command_start = True
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok in _SHELL_OPERATORS:
                command_start = True
            elif command_start and Path(tok).name in {"make", "gmake"}:
                i += 1
                while i < len(tokens) and tokens[i] not in _SHELL_OPERATORS:
                    arg = tokens[i]
                    if arg in _MAKE_OPTS_WITH_ARG:
                        i += 1
                    elif not arg.startswith("-") and "=" not in arg:
                        targets.append(arg)
                    i += 1
                continue
            else:
                command_start = False
            i += 1
    return targets


def test_there_are_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"publish.yml", "pull-request.yml"} <= names, names


@pytest.mark.slow  # the linters take their time: `make test` runs them
def test_zizmor_pedantic_finds_nothing():
    _run([_tool("zizmor"), "--offline", "--persona", "pedantic", ".github/workflows/"])


@pytest.mark.slow
def test_workflows_match_schema():
    _run(
        [
            _tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *[p.relative_to(ROOT) for p in WORKFLOWS],
        ]
    )


@pytest.mark.slow
def test_dependabot_matches_schema():
    _run([_tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", DEPENDABOT.relative_to(ROOT)])


def test_dependabot_covers_actions_and_pip():
    config = _load(DEPENDABOT)
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert {"github-actions", "pip"} <= set(ecosystems), ecosystems.keys()
    for name in ("github-actions", "pip"):
        update = ecosystems[name]
        assert update.get("directory") == "/", name
        assert update["schedule"]["interval"] == "weekly", name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_to_vetted_shas(path: Path):
    pins = _pins()
    assert pins, f"no pins parsed from {PINS}"
    workflow = _load(path)
    for job_id, uses in _uses(workflow):
        if uses.startswith("./"):
            continue  # an action or workflow of this repository
        action, _, ref = uses.partition("@")
        assert SHA_RE.match(ref), f"{path.name} job {job_id}: {uses} is not pinned to a full commit SHA"
        assert (action, ref) in pins, f"{path.name} job {job_id}: {uses} is not in {PINS.name}"

    # The version tag in the trailing comment must be the vetted tag of that SHA.
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.search(r"uses:\s*([^@\s]+)@([0-9a-f]{40})\s*(?:#\s*(\S+))?", line)
        if m:
            action, sha, tag = m.groups()
            assert tag == pins[(action, sha)], f"{path.name}: {line.strip()!r} should carry '# {pins[(action, sha)]}'"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_uses_is_a_full_sha_with_tag_comment(path: Path):
    # Independent of ../shared, so it also holds in a fresh clone on CI.
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*(-\s*)?uses:", line) and "./" not in line:
            assert re.search(r"@[0-9a-f]{40}\s+#\s*v\d", line), f"{path.name}: {line.strip()!r}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_make_targets_are_documented(path: Path):
    documented = set(re.findall(r"\bmake\s+([A-Za-z0-9_.-]+)", README.read_text(encoding="utf-8")))
    used = []
    for job_id, step in _steps(_load(path)):
        if "run" in step:
            for target in _make_targets(step["run"]):
                used.append(target)
                assert target in documented, (
                    f"{path.name} job {job_id}: `make {target}` is not named in README.md (it names {sorted(documented)})"
                )
    assert used, f"{path.name} runs no make target"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_empty(path: Path):
    workflow = _load(path)
    assert "permissions" in workflow, f"{path.name}: no top-level permissions"
    assert workflow["permissions"] == {}, f"{path.name}: top-level permissions must be {{}}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_least_privilege(path: Path):
    for job_id, job in _jobs(_load(path)).items():
        perms = job.get("permissions")
        assert isinstance(perms, dict), f"{path.name} job {job_id}: permissions must be an explicit mapping"
        writes = {scope for scope, level in perms.items() if level == "write"}
        deploys = any(
            str(step.get("uses", "")).startswith("actions/deploy-pages@") for step in job.get("steps") or []
        )
        allowed = {"pages", "id-token"} if deploys else set()
        assert writes <= allowed, f"{path.name} job {job_id}: write access {sorted(writes - allowed)} not allowed"
        assert "timeout-minutes" in job, f"{path.name} job {job_id}: no timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path):
    triggers = _triggers(_load(path))
    names = [triggers] if isinstance(triggers, str) else list(triggers or [])
    assert names, f"{path.name}: no triggers"
    assert "pull_request_target" not in names, path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_does_not_persist_credentials(path: Path):
    checkouts = 0
    for job_id, step in _steps(_load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            checkouts += 1
            assert (step.get("with") or {}).get("persist-credentials") is False, (
                f"{path.name} job {job_id}: checkout needs `persist-credentials: false`"
            )
    assert checkouts, f"{path.name}: no checkout step"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expressions_in_run_scripts(path: Path):
    for job_id, step in _steps(_load(path)):
        assert "${{" not in str(step.get("run", "")), (
            f"{path.name} job {job_id}: pass ${{{{ }}}} values to run: through env:"
        )


def test_make_target_parser():
    assert _make_targets("make check") == ["check"]
    assert _make_targets('"$CHROME_PATH" --version\nmake test') == ["test"]
    assert _make_targets("make -C . -j 2 site V=1 && echo make deploy") == ["site"]
    assert _make_targets("cd x; make bench # make nothing") == ["bench"]
