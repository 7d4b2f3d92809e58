"""The schemas in a real editor backend: Red Hat's `yaml-language-server` (npm, the server
behind VS Code's YAML extension), driven over stdio with LSP JSON-RPC as an editor does:
initialize, didOpen, completion, hover, and the diagnostics it publishes."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from rufbereit.content.model import QUESTION_TYPES, SECTION_KINDS, Module
from rufbereit.tools.schema import VALUE_DESCRIPTIONS

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "node_modules/yaml-language-server/bin/yaml-language-server"
MODULE_HEAD = "# yaml-language-server: $schema=../schema/module.schema.json\n"


class LanguageServer:
    """A minimal LSP client: requests by id, notifications collected by method."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "locale": "de",
            "capabilities": {"textDocument": {
                "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            }, "workspace": {"configuration": True}},
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings()})

    @staticmethod
    def settings() -> dict:
        return {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == self.next_id and "method" not in message)["result"]

    def wait(self, wanted, timeout: float = 30):
        """The next message `wanted` accepts, answering the server's own requests meanwhile."""
        while True:
            message = self.messages.get(timeout=timeout)
            if "method" in message and "id" in message:  # the server asks: configuration, capabilities
                items = message.get("params", {}).get("items", [])
                result = [self.settings()["yaml"] for _ in items] if message["method"] == "workspace/configuration" else None
                self.send({"id": message["id"], "result": result})
                continue
            if wanted(message):
                return message

    def open(self, uri: str, text: str) -> list[dict]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        published = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        return published["params"]["diagnostics"]

    def completion(self, uri: str, line: int, character: int) -> list[dict]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        return result["items"] if isinstance(result, dict) else result or []

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        contents = (result or {}).get("contents", "")
        return contents.get("value", "") if isinstance(contents, dict) else str(contents)

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    # A failure, not a skip: `make test` and `make test-fast` install the Node tools, so a missing
    # node would otherwise hide this check wherever it is missing (CI included).
    assert shutil.which("node"), "node is not installed: the YAML language server runs on Node.js"
    assert SERVER.is_file(), "run `make node_modules/.installed` (npm install) first"
    client = LanguageServer(ROOT)
    yield client
    client.close()


def uri(name: str) -> str:
    # Never written: the server reads the text from didOpen and the schema from content/schema/.
    return (ROOT / "content" / "modules" / name).as_uri()


def labels(items: list[dict]) -> set[str]:
    return {item["label"] for item in items}


def documentation(item: dict) -> str:
    doc = item.get("documentation", "")
    return doc.get("value", "") if isinstance(doc, dict) else doc


MODULE = MODULE_HEAD + """title: Einwände
summary: Kurz.
duration: 5
objectives:
  - Du kennst Einwände.
sections:
  - title: Einstieg
    kind: 
    body: Text.
  - title: Zweiter
    
quiz:
  questions:
    - type: 
      prompt: Stimmt das?
"""


def test_every_kind_and_type_is_offered_with_a_german_description(server):
    document = uri("editor-kinds.yaml")
    server.open(document, MODULE)
    lines = MODULE.splitlines()
    for line_number, key, choices, descriptions in (
        (lines.index("    kind: "), "kind", SECTION_KINDS, VALUE_DESCRIPTIONS["kind"]),
        (lines.index("    - type: "), "type", QUESTION_TYPES, VALUE_DESCRIPTIONS["type"]),
    ):
        items = server.completion(document, line_number, len(lines[line_number]))
        assert set(choices) <= labels(items), (key, sorted(labels(items)))
        for item in items:
            if item["label"] in choices:
                assert documentation(item) == descriptions[item["label"]], item


def test_every_key_is_offered_with_a_german_description(server):
    document = uri("editor-keys.yaml")
    text = MODULE_HEAD + "title: Einwände\n\n"
    server.open(document, text)
    items = server.completion(document, 2, 0)
    expected = {"summary", "duration", "level", "requires", "objectives", "sections", "key_points", "quiz", "draft"}
    assert expected <= labels(items), sorted(labels(items))
    assert "title" not in labels(items)  # already there
    for item in items:
        if item["label"] in expected:
            assert documentation(item) == Module.model_fields[item["label"]].description, item


def test_keys_of_a_section_and_an_option(server):
    document = uri("editor-section-keys.yaml")
    server.open(document, MODULE)
    line = MODULE.splitlines().index("  - title: Zweiter") + 1
    items = labels(server.completion(document, line, 4))
    assert {"kind", "body"} <= items, sorted(items)
    text = MODULE_HEAD + "quiz:\n  questions:\n    - type: single\n      prompt: P\n      options:\n        - text: A\n          \n"
    server.open(uri("editor-option-keys.yaml"), text)
    items = labels(server.completion(uri("editor-option-keys.yaml"), 7, 10))
    assert {"correct", "feedback"} <= items, sorted(items)


def test_hover_text_has_no_escaped_backticks(server):
    document = uri("editor-hover.yaml")
    server.open(document, MODULE)
    lines = MODULE.splitlines()
    line = lines.index("duration: 5")
    shown = server.hover(document, line, 2)
    assert "Bearbeitungszeit in Minuten" in shown
    line = lines.index("  - title: Einstieg")
    shown = server.hover(document, line + 1, 5)  # `kind`
    assert "`" in shown and "\\`" not in shown, shown


def test_diagnostics_for_unknown_keys_and_wrong_values(server):
    document = uri("editor-diagnostics.yaml")
    text = MODULE_HEAD + "title: Einwände\nsummary: Kurz.\nduration: viele\nlevel: Profi\nfarbe: rot\nobjectives:\n  - Ziel\nsections:\n  - title: T\n    body: B\n"
    diagnostics = server.open(document, text)
    by_line = {}
    for diagnostic in diagnostics:
        by_line.setdefault(diagnostic["range"]["start"]["line"], []).append(diagnostic["message"])
    # The server's own wording, in German where its translation has the message (content/README.md says so).
    assert by_line[3] == ['Incorrect type. Expected "integer".'], diagnostics  # duration: viele
    assert by_line[4] == ['Wert wird nicht akzeptiert. Gültige Werte: "basic", "intermediate", "advanced".'], diagnostics
    assert by_line[5] == ["Eigenschaft farbe ist nicht erlaubt."], diagnostics  # an unknown key
    assert all(diagnostic["severity"] in (1, 2) for diagnostic in diagnostics)
