"""A spec-conforming LRS test double for cmi5, on 127.0.0.1: an LMS's side of a launch.

It serves the package's files under a deep path prefix (404 for a folder, as an LMS's file
server), a one-time fetch URL that hands out the auth token, the xAPI State API (with the
LMS.LaunchData document) and the Statement API. Every statement is validated against the xAPI
statement JSON Schema (xapi_statement.schema.json, written from the xAPI 1.0.3 specification)
and the cmi5 rules (cmi5 specification, quartz: sections 7, 9 and 10): the auth token on every
request, the first statement of a session `initialized` and only one, nothing after
`terminated`, the actor, registration, session id and publisher grouping of the context
template, the cmi5 category on defined statements and never on allowed ones, the moveOn
category, result and duration on completed/passed/terminated, completed and passed at most
once per registration and only in Normal launch mode. A broken rule is recorded in `errors`
(and answered with 400 for a rejected statement, as an LMS must)."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jsonschema

from conftest import _free_port, _Server

PREFIX = "/pluginfile.php/42/mod_cmi5/content/1/"
SCHEMA = json.loads(Path(__file__).with_name("xapi_statement.schema.json").read_text(encoding="utf-8"))
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
VERBS = "http://adlnet.gov/expapi/verbs/"
DEFINED = {VERBS + v for v in ("launched", "initialized", "completed", "passed", "failed", "abandoned", "waived",
                               "terminated", "satisfied")}


@dataclass
class Lrs:
    folder: Path
    actor: dict = field(default_factory=lambda: {"objectType": "Agent", "name": "Lena Test",
                                                 "account": {"homePage": "https://lms.example", "name": "lena"}})
    registration: str = field(default_factory=lambda: str(uuid.uuid4()))
    activity_id: str = "https://lms.example/cmi5/course/7/au/0"
    publisher_id: str = "urn:rufbereit:course:fx-vollkurs:au"
    launch_mode: str = "Normal"
    move_on: str = "CompletedAndPassed"
    statements: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    state: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)   # session id -> verbs in order
    tokens: dict = field(default_factory=dict)     # fetch id -> (token, used)
    session: str = ""
    reply_after: float = 0.0   # seconds an LRS under load takes to answer a statement request

    def __post_init__(self):
        self.port = _free_port()
        self.lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"lrs": self})
        self.server = _Server(("127.0.0.1", self.port), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch_url(self) -> str:
        """A new session: a fresh fetch URL, session id and LMS.LaunchData, as an LMS launches."""
        from urllib.parse import urlencode

        self.session = str(uuid.uuid4())
        fetch_id = uuid.uuid4().hex
        self.tokens[fetch_id] = [base64.b64encode(f"au:{fetch_id}".encode()).decode(), False]
        self.sessions[self.session] = []
        self.state[("LMS.LaunchData", self.registration)] = json.dumps({
            "contextTemplate": {"contextActivities": {"grouping": [{"id": self.publisher_id, "objectType": "Activity"}]},
                                "extensions": {SESSION: self.session}},
            "launchMode": self.launch_mode, "moveOn": self.move_on, "returnURL": self.origin + "/lms/course/7"})
        query = urlencode({"endpoint": self.origin + "/lrs/", "fetch": f"{self.origin}/fetch/{fetch_id}",
                           "actor": json.dumps(self.actor), "registration": self.registration,
                           "activityId": self.activity_id})
        return f"{self.origin}{PREFIX}rufbereit-cmi5.html?{query}"

    def verbs(self, session: str | None = None) -> list[str]:
        return [v.rsplit("/", 1)[1] for v in self.sessions[session or self.session]]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the cmi5 rules --------------------------------------------------------------------

    def check(self, s: dict) -> list[str]:
        problems = [f"schema: {e.message} at {list(e.absolute_path)}"
                    for e in jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).iter_errors(s)]
        if problems:
            return problems
        verb, context = s["verb"]["id"], s.get("context", {})
        session = context.get("extensions", {}).get(SESSION)
        if session not in self.sessions:
            return [f"session id {session!r} is not a launched session"]
        seen = self.sessions[session]
        category = {a["id"] for a in context.get("contextActivities", {}).get("category", [])}
        grouping = {a["id"] for a in context.get("contextActivities", {}).get("grouping", [])}
        if s["actor"] != self.actor:
            problems.append("actor differs from the launch's")
        if context.get("registration") != self.registration:
            problems.append("registration differs from the launch's")
        if self.publisher_id not in grouping:
            problems.append("context template's grouping (publisher id) missing")
        if seen and seen[-1] == VERBS + "terminated":
            problems.append("statement after terminated")
        if not seen and verb != VERBS + "initialized":
            problems.append("first statement of a session is not initialized")
        if verb == VERBS + "initialized" and seen:
            problems.append("a second initialized")
        if verb in DEFINED:
            if CMI5 not in category:
                problems.append("defined statement without the cmi5 category")
            if s["object"]["id"] != self.activity_id:
                problems.append("defined statement about another activity than the AU")
        elif CMI5 in category:
            problems.append("allowed statement with the cmi5 category")
        result = s.get("result", {})
        if verb in (VERBS + "completed", VERBS + "passed", VERBS + "failed"):
            if MOVEON not in category:
                problems.append("moveOn category missing")
            if self.launch_mode != "Normal":
                problems.append(f"{verb} in {self.launch_mode} mode")
            done = [t["verb"]["id"] for t in self.statements if t["context"]["registration"] == self.registration]
            if verb in done:
                problems.append(f"a second {verb} in the registration")
            if "duration" not in result:
                problems.append("duration missing")
        if verb == VERBS + "completed" and (result.get("completion") is not True or "success" in result):
            problems.append("completed needs completion true and no success")
        if verb == VERBS + "passed" and (result.get("success") is not True or "completion" in result):
            problems.append("passed needs success true and no completion")
        if verb == VERBS + "terminated" and "duration" not in result:
            problems.append("terminated needs a duration")
        return problems

    def move_on_met(self) -> bool:
        verbs = {s["verb"]["id"] for s in self.statements if s["context"]["registration"] == self.registration}
        return {VERBS + "completed", VERBS + "passed"} <= verbs


class _Handler(SimpleHTTPRequestHandler):
    lrs: Lrs

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def reply(self, status: int, body: object = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Experience-API-Version", "1.0.3")
        self.end_headers()
        self.wfile.write(data)

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def authorised(self) -> bool:
        tokens = {token for token, used in self.lrs.tokens.values() if used}
        auth = self.headers.get("Authorization", "")
        ok = auth.startswith("Basic ") and auth[6:] in tokens and self.headers.get("X-Experience-API-Version", "").startswith("1.0")
        if not ok:
            self.lrs.errors.append(f"{self.command} {self.path}: no valid auth token or xAPI version header")
            self.reply(401)
        return ok

    def do_POST(self):  # noqa: N802 - http.server's names
        path = urlsplit(self.path).path
        if path.startswith("/fetch/"):
            entry = self.lrs.tokens.get(path[len("/fetch/"):])
            if not entry or entry[1]:
                self.lrs.errors.append("fetch URL used twice or unknown")
                return self.reply(200, {"error-code": "1", "error-text": "already in use"})
            entry[1] = True
            return self.reply(200, {"auth-token": entry[0]})
        if path == "/lrs/statements" and self.authorised():
            data = json.loads(self.body() or b"null")
            batch = data if isinstance(data, list) else [data]
            with self.lrs.lock:   # one request after the other, as they arrived
                time.sleep(self.lrs.reply_after)
                for s in batch:
                    problems = self.lrs.check(s)
                    if problems:
                        self.lrs.errors.append({"verb": s.get("verb", {}).get("id"), "problems": problems})
                        return self.reply(400, {"problems": problems})
                    self.lrs.statements.append(s)
                    self.lrs.sessions[s["context"]["extensions"][SESSION]].append(s["verb"]["id"])
            return self.reply(200, [s["id"] for s in batch])
        if path == "/lrs/activities/state" and self.authorised():
            return self.put_state()
        self.reply(404)

    def do_PUT(self):  # noqa: N802
        if urlsplit(self.path).path == "/lrs/activities/state" and self.authorised():
            return self.put_state()
        self.reply(404)

    def put_state(self):
        query = parse_qs(urlsplit(self.path).query)
        self.lrs.state[(query["stateId"][0], query.get("registration", [""])[0])] = self.body().decode()
        self.reply(204)

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/lrs/activities/state":
            if not self.authorised():
                return None
            query = parse_qs(url.query)
            if query.get("activityId", [""])[0] != self.lrs.activity_id or json.loads(query["agent"][0]) != self.lrs.actor:
                self.lrs.errors.append("state request for another activity or agent")
            stored = self.lrs.state.get((query["stateId"][0], query.get("registration", [""])[0]))
            return self.reply(404) if stored is None else self.reply(200, json.loads(stored))
        return super().do_GET()

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        root = self.lrs.folder.resolve()
        target = (root / path[len(PREFIX):]).resolve() if path.startswith(PREFIX) else None
        if target is None or root not in (target, *target.parents) or not target.is_file():
            self.send_error(404)   # a folder too: an LMS serves no index.html for it
            return None
        return super().send_head()

    def translate_path(self, path):
        return str(self.lrs.folder / unquote(urlsplit(path).path)[len(PREFIX):])
