"""`modal-atlas server` driven by pytest-lsp, a language client built on pygls, as an editor
drives it: a workspace of two modules with a pyproject.toml, documents opened and changed,
then every feature and every bad input. Run by `bash tests/lsp/run`."""

import asyncio
import json
import os
import pathlib
import subprocess
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

BIN = os.environ["ATLAS_BIN"]

# A project: `common.py` defines the app that `jobs.py` imports; the settings leave out MDL014.
ROOT = pathlib.Path(tempfile.mkdtemp(prefix="atlas-lsp-")).resolve()
(ROOT / "pyproject.toml").write_text('[tool.modal-atlas]\nignore = ["MDL014"]\n')
(ROOT / "common.py").write_text('import modal\n\napp = modal.App("shared")\n')
JOBS = (
    "from common import app\n"
    "\n"
    "\n"
    '@app.function(keep_warm=1, gpu="A10")\n'
    "def job():\n"
    "    return 1\n"
)
(ROOT / "jobs.py").write_text(JOBS)


def uri(name: str) -> str:
    return (ROOT / name).as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "server"]))
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="project")],
            initialization_options={"siteUrl": "https://atlas.example"},
        )
    )
    assert result.server_info.name == "modal-atlas"
    sync = result.capabilities.text_document_sync
    assert sync.change == types.TextDocumentSyncKind.Incremental
    yield
    await lsp_client.shutdown_session()


async def opened(client: LanguageClient, name: str, text: str, version: int = 1):
    """Opens a document and returns the diagnostics published for it."""
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(name), language_id="python", version=version, text=text)
        )
    )
    await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), 10)
    return client.diagnostics[uri(name)]


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def place(name: str, line: int, character: int) -> dict:
    return {"text_document": types.TextDocumentIdentifier(uri=uri(name)), "position": at(line, character)}


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """`text` with `edits` applied, as an editor applies them (positions in UTF-16 units)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        prefix = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return (starts[position.line] if position.line < len(starts) else len(text)) + len(prefix)

    for edit in sorted(edits, key=lambda edit: offset(edit.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def codes(diagnostics) -> list[str]:
    return [diagnostic.code for diagnostic in diagnostics]


@pytest.mark.asyncio
async def test_the_app_imported_from_the_other_module_is_checked(client: LanguageClient):
    diagnostics = await opened(client, "jobs.py", JOBS)
    assert codes(diagnostics) == ["MDL001"]
    (renamed,) = diagnostics
    assert "min_containers" in renamed.message
    assert renamed.range.start == at(3, 14)
    assert renamed.code_description.href == "https://atlas.example/rules/#mdl001"


@pytest.mark.asyncio
async def test_the_settings_leave_out_ignored_rules(client: LanguageClient):
    text = 'import modal\n\nd = modal.Dict.from_name("d")\nd.put("k", 1, ttl=60)\n'
    assert "MDL014" not in codes(await opened(client, "settings.py", text))


@pytest.mark.asyncio
async def test_an_incremental_change_updates_the_diagnostics(client: LanguageClient):
    await opened(client, "jobs.py", JOBS)
    # Replace `keep_warm` with `min_containers` on line 4 (0-based 3), as a keystroke range.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri("jobs.py"), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at(3, 14), end=at(3, 23)), text="min_containers"
                )
            ],
        )
    )
    await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), 10)
    assert codes(client.diagnostics[uri("jobs.py")]) == []
    # A second change, typed in after a character that takes two UTF-16 units.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri("jobs.py"), version=3),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(start=at(1, 0), end=at(1, 0)), text="# 𝄞 x\n"),
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at(1, 4), end=at(1, 5)), text="y"
                ),
            ],
        )
    )
    await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), 10)
    hover = await client.text_document_hover_async(types.HoverParams(**place("jobs.py", 4, 16)))
    assert "min_containers" in hover.contents.value, "the text is where the changes put it"


async def actions(client: LanguageClient, name: str, start, end, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(name)),
            range=types.Range(start=start, end=end),
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )


@pytest.mark.asyncio
async def test_a_quick_fix_clears_its_problem(client: LanguageClient):
    await opened(client, "jobs.py", JOBS)
    found = await actions(client, "jobs.py", at(3, 16), at(3, 16), [types.CodeActionKind.QuickFix])
    titles = [action.title for action in found]
    fix = next(action for action in found if "min_containers" in action.title)
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix, titles
    assert any(title == "Silence MDL001 with `# noqa: MDL001`" for title in titles), titles
    fixed = apply(JOBS, fix.edit.changes[uri("jobs.py")])
    assert codes(await opened(client, "jobs.py", fixed, 2)) == []

    silence = next(action for action in found if "noqa" in action.title)
    silenced = apply(JOBS, silence.edit.changes[uri("jobs.py")])
    assert "# noqa: MDL001" in silenced
    assert codes(await opened(client, "jobs.py", silenced, 3)) == []


@pytest.mark.asyncio
async def test_an_unsafe_fix_says_what_it_changes(client: LanguageClient):
    text = 'import modal\n\napp = modal.App()\n\n\n@app.function()\n@modal.web_server(8000)\ndef serve():\n    import subprocess\n    subprocess.run("python -m http.server 8000", shell=True)\n'
    diagnostics = await opened(client, "unsafe.py", text)
    unsafe = [d for d in diagnostics if d.code == "MDL017"]
    assert unsafe, codes(diagnostics)
    found = await actions(client, "unsafe.py", unsafe[0].range.start, unsafe[0].range.end)
    fix = next(action for action in found if "unsafe: this fix" in action.title)
    assert not fix.is_preferred
    everything = await actions(client, "unsafe.py", at(0, 0), at(0, 0), [types.CodeActionKind.SourceFixAll])
    assert list(everything) == [], "fix all applies safe fixes only"


@pytest.mark.asyncio
async def test_fix_all_applies_the_safe_fixes(client: LanguageClient):
    text = 'import modal\n\napp = modal.App()\n\n\n@app.function(keep_warm=1, container_idle_timeout=60)\ndef f():\n    return 1\n'
    assert codes(await opened(client, "all.py", text)) == ["MDL001", "MDL001"]
    found = await actions(client, "all.py", at(0, 0), at(0, 0), [types.CodeActionKind.SourceFixAll])
    (fix_all,) = found
    assert fix_all.kind == "source.fixAll.modal-atlas"
    fixed = apply(text, fix_all.edit.changes[uri("all.py")])
    assert "min_containers=1" in fixed and "scaledown_window=60" in fixed
    assert codes(await opened(client, "all.py", fixed, 2)) == []


@pytest.mark.asyncio
async def test_hover_shows_the_reference(client: LanguageClient):
    text = 'import modal\n\nvolume = modal.Volume.from_name("data")\nvolume.commit()\n'
    await opened(client, "hover.py", text)
    hover = await client.text_document_hover_async(types.HoverParams(**place("hover.py", 2, 25)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "Volume.from_name(name: str" in hover.contents.value
    assert "https://atlas.example/api-storage/#volume-from_name" in hover.contents.value
    assert hover.range == types.Range(start=at(2, 22), end=at(2, 31))
    method = await client.text_document_hover_async(types.HoverParams(**place("hover.py", 3, 9)))
    assert "Volume.commit(" in method.contents.value

    await opened(client, "jobs.py", JOBS)
    keyword = await client.text_document_hover_async(types.HoverParams(**place("jobs.py", 3, 29)))
    assert "gpu: " in keyword.contents.value and "Keyword of `App.function`" in keyword.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(**place("jobs.py", 4, 1)))
    assert nothing is None


@pytest.mark.asyncio
async def test_completion_offers_keywords_and_gpu_names(client: LanguageClient):
    text = 'import modal\n\napp = modal.App()\n\n\n@app.function(gpu="H", )\ndef f():\n    return 1\n'
    await opened(client, "complete.py", text)
    keywords = await client.text_document_completion_async(types.CompletionParams(**place("complete.py", 5, 23)))
    items = {item.label: item for item in keywords}
    assert "timeout" in items and "gpu" not in items, sorted(items)
    assert items["timeout"].text_edit.new_text == "timeout="
    assert "=" in items["timeout"].detail
    assert "keep_warm" not in items, "removed keywords are not offered"
    assert all(types.CompletionItemTag.Deprecated in (item.tags or []) for item in keywords if "eprecated" in (item.documentation.value if item.documentation else ""))
    gpus = await client.text_document_completion_async(types.CompletionParams(**place("complete.py", 5, 20)))
    labels = [item.label for item in gpus]
    assert "H100" in labels and "T4" in labels, labels


@pytest.mark.asyncio
async def test_signature_help_marks_the_active_parameter(client: LanguageClient):
    text = 'import modal\n\nvolume = modal.Volume.from_name("data", create_if_missing=True)\n'
    await opened(client, "signature.py", text)
    help = await client.text_document_signature_help_async(types.SignatureHelpParams(**place("signature.py", 2, 60)))
    (signature,) = help.signatures
    assert signature.label.startswith("Volume.from_name(name: str")
    start, end = signature.parameters[help.active_parameter].label
    assert signature.label[start:end].startswith("create_if_missing")


@pytest.mark.asyncio
async def test_requests_about_unopened_documents_and_unknown_methods_are_errors(client: LanguageClient):
    with pytest.raises(JsonRpcException) as unopened:
        await client.text_document_hover_async(types.HoverParams(**place("never.py", 0, 0)))
    assert "is not open" in str(unopened.value)
    with pytest.raises(JsonRpcException) as unknown:
        await client.protocol.send_request_async("modal-atlas/unknown", {})
    assert "-32601" in repr(unknown.value) or "unknown method" in str(unknown.value)
    # A change to a document never opened is logged, and the server goes on.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri("never.py"), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x = 1\n")],
        )
    )
    await asyncio.wait_for(client.wait_for_notification("window/logMessage"), 10)
    assert any("never.py is not open" in message.message for message in client.log_messages)
    assert codes(await opened(client, "jobs.py", JOBS)) == ["MDL001"]


@pytest.mark.asyncio
async def test_a_20_mb_document_and_binary_content_get_diagnostics(client: LanguageClient):
    huge = "x = 1\n" * (20 * 1024 * 1024 // 6)
    (refused,) = await opened(client, "huge.py", huge)
    assert "MB" in refused.message or "bytes" in refused.message, refused.message
    assert (await client.text_document_hover_async(types.HoverParams(**place("huge.py", 5, 0)))) is None
    binary = "import modal\n\x00\x01\x02\ufffe\x7f"
    diagnostics = await opened(client, "binary.py", binary)
    assert codes(diagnostics) and all(code == "MDL000" for code in codes(diagnostics)), codes(diagnostics)


# Raw input no client would send, on the server's own pipes.


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def message(obj) -> bytes:
    return frame(json.dumps(obj).encode())


def frames(stdout: bytes) -> list[dict]:
    """Every frame of `stdout`, which must hold nothing else."""
    found = []
    while stdout:
        header, separator, rest = stdout.partition(b"\r\n\r\n")
        assert separator and header.startswith(b"Content-Length: "), stdout[:200]
        length = int(header.split(b": ")[1])
        found.append(json.loads(rest[:length]))
        stdout = rest[length:]
    return found


INITIALIZE = message({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
SHUTDOWN = message({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}) + message({"jsonrpc": "2.0", "method": "exit"})


def run_raw(stdin: bytes) -> tuple[int, list[dict]]:
    done = subprocess.run([BIN, "server"], input=stdin, capture_output=True, timeout=30)
    return done.returncode, frames(done.stdout)


def test_malformed_messages_are_answered_and_the_server_goes_on():
    stdin = (
        INITIALIZE
        + frame(b"{not json")
        + frame(b"\xff\xfe binary \x00")
        + frame(b'{"jsonrpc": "2.0", "id": 5, "params": {}}')
        + b"garbage without a header\r\n\r\n"
        + message({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"wrong": True}})
        + SHUTDOWN
    )
    code, replies = run_raw(stdin)
    assert code == 0
    errors = [(reply.get("id"), reply["error"]["code"]) for reply in replies if "error" in reply]
    assert errors == [(None, -32700), (None, -32700), (5, -32600), (None, -32700), (6, -32602)], replies
    assert replies[-1] == {"jsonrpc": "2.0", "id": 99, "result": None}


def test_requests_before_initialize_and_exit_without_shutdown():
    stdin = message({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}) + message(
        {"jsonrpc": "2.0", "method": "exit"}
    )
    code, replies = run_raw(stdin)
    assert replies[0]["error"]["code"] == -32002
    assert code == 1, "exit before shutdown"


def test_a_vanishing_client_ends_the_server():
    for cut in [INITIALIZE, INITIALIZE[:-10], INITIALIZE + b"Content-Length: 500\r\n\r\n{\"jsonrpc\""]:
        code, replies = run_raw(cut)
        assert code == 0
        assert all("error" not in reply for reply in replies), replies
