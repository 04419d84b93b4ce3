"""`tally lsp` driven with raw JSON-RPC: lifecycle, full and incremental sync (UTF-16 columns),
diagnostics, quick fixes, hover, stale checks, Markdown suppression, notices of rules that could
not run (once per document), rule files reloaded from disk, and bad messages. Usage: lsp_protocol_test.py TALLY"""
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import unittest

TALLY = os.path.abspath(sys.argv[1])
COMMA = "包头市检察院,昆都仑区检察院联合办案。\n"
# Where count.enumeration's span ("three towns") is printed on tests/e2e/samples/page.pdf.
BOX0 = [119.7, 211.8, 168.4, 221.3]


class Client:
    def __init__(self, *args):
        self.p = subprocess.Popen([TALLY, "lsp", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 1

    def _read(self):
        while True:
            n = None
            while True:
                line = self.p.stdout.readline()
                if not line:
                    return
                line = line.decode().strip()
                if not line:
                    break
                if line.lower().startswith("content-length:"):
                    n = int(line.split(":")[1])
            self.inbox.put(json.loads(self.p.stdout.read(n)))

    def raw(self, body: bytes):
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def notify(self, method, params=None):
        self.raw(json.dumps({"jsonrpc": "2.0", "method": method,
                             "params": params or {}}).encode())

    def request(self, method, params=None):
        i = self.next_id
        self.next_id += 1
        self.raw(json.dumps({"jsonrpc": "2.0", "id": i, "method": method,
                             "params": params or {}}).encode())
        return self.wait(lambda m: m.get("id") == i)

    def wait(self, pred, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            try:
                m = self.inbox.get(timeout=end - time.time())
            except queue.Empty:
                break
            if pred(m):
                return m
        raise AssertionError("timed out waiting for a message")

    def until(self, pred, timeout=10):
        """Every message up to and including the first that `pred` accepts."""
        seen = []
        self.wait(lambda m: seen.append(m) or pred(m), timeout)
        return seen

    def diagnostics(self, uri, version=None, timeout=10):
        def match(m):
            return (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait(match, timeout)["params"]["diagnostics"]

    def start(self, init=None, capabilities=None):
        r = self.request("initialize", {"processId": None, "rootUri": None,
                                        "capabilities": capabilities or {},
                                        "initializationOptions": init or {}})
        self.notify("initialized")
        return r

    def open(self, uri, text, language="plaintext", version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})

    def close(self):
        """Kills the server if it is still running and closes its pipes."""
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()
        for pipe in (self.p.stdin, self.p.stdout, self.p.stderr):
            pipe.close()

    def stop(self):
        self.request("shutdown")
        self.notify("exit")
        return self.p.wait(timeout=10)


def brief(diags):
    return [(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["character"]) for d in diags]


class Protocol(unittest.TestCase):
    def setUp(self):
        self.c = Client()

    def tearDown(self):
        self.c.close()

    def test_lifecycle_and_capabilities(self):
        r = self.c.start()
        caps = r["result"]["capabilities"]
        self.assertEqual(caps["textDocumentSync"]["change"], 2)
        self.assertTrue(caps["hoverProvider"])
        self.assertIn("quickfix", caps["codeActionProvider"]["codeActionKinds"])
        self.assertEqual(self.c.stop(), 0)

    def test_a_pdf_is_checked_by_its_path(self):
        pdf = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples", "page.pdf")
        caps = self.c.start()["result"]["capabilities"]
        self.assertEqual(caps["executeCommandProvider"]["commands"], ["tally.checkPdf"])
        r = self.c.request("workspace/executeCommand",
                           {"command": "tally.checkPdf", "arguments": ["file://" + pdf]})["result"]
        self.assertEqual(r["path"], pdf)
        text = r["text"].encode()
        cut = lambda s: text[s["start"]["offset"]:s["end"]["offset"]].decode()
        self.assertEqual([(f["rule"], cut(f["span"]), f["pdf"]["page"]) for f in r["findings"]],
                         [("count.enumeration", "three towns", 1), ("growth.recompute", "30%", 1),
                          ("quote.unbalanced", '"', 2)])
        self.assertEqual(r["findings"][0]["pdf"]["bbox"], BOX0)
        # A file that is not a readable PDF: LSP's RequestFailed, naming it.
        with tempfile.NamedTemporaryFile(suffix=".pdf") as bad:
            bad.write(b"%PDF-1.7\nno objects\n")
            bad.flush()
            e = self.c.request("workspace/executeCommand",
                               {"command": "tally.checkPdf", "arguments": ["file://" + bad.name]})
            self.assertEqual(e["error"], {"code": -32803, "message": bad.name + ": not a readable PDF"})
        for args in [["file:///tmp/page.txt"], [], ["https://example.com/page.pdf"], [3]]:
            e = self.c.request("workspace/executeCommand", {"command": "tally.checkPdf", "arguments": args})
            self.assertEqual(e["error"]["code"], -32602, args)
        e = self.c.request("workspace/executeCommand", {"command": "tally.other", "arguments": []})
        self.assertEqual(e["error"]["code"], -32602)
        # A PDF's bytes opened as a text document: one diagnostic that says how to check it.
        uri = "file:///tmp/tally-lsp-page.pdf"
        self.c.open(uri, "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n")
        d = self.c.diagnostics(uri, 1)
        self.assertEqual([(x["severity"], x["message"]) for x in d], [(1, (
            "a PDF is read from its file, not as text: run the command tally.checkPdf with its URI, "
            "or tally check FILE.pdf"))])
        self.assertEqual(self.c.stop(), 0)

    def test_exit_without_shutdown_is_1(self):
        self.c.start()
        self.c.notify("exit")
        self.assertEqual(self.c.p.wait(timeout=10), 1)

    def test_diagnostics_fix_and_hover(self):
        self.c.start()
        uri = "file:///tmp/tally-lsp-a.txt"
        self.c.open(uri, "标题\n\n" + COMMA)
        d = self.c.diagnostics(uri, 1)
        self.assertEqual(brief(d), [("punct.halfwidth-in-cjk", 2, 6, 7)])
        self.assertEqual(d[0]["severity"], 3)  # a hint by default: info (docs/accuracy.md)
        self.assertEqual(d[0]["source"], "tally")
        self.assertEqual(d[0]["message"], "中文中使用了半角标点“,”，应为“，”")
        self.assertTrue(d[0]["codeDescription"]["href"].endswith("docs/rules.md#puncthalfwidth-in-cjk"))
        actions = self.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 6}, "end": {"line": 2, "character": 6}},
            "context": {"diagnostics": d}})["result"]
        self.assertEqual([a["kind"] for a in actions], ["quickfix"])
        self.assertEqual(actions[0]["edit"]["changes"][uri], [
            {"range": {"start": {"line": 2, "character": 6}, "end": {"line": 2, "character": 7}},
             "newText": "，"}])
        hover = self.c.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": 2, "character": 6}})["result"]
        self.assertIn("**punct.halfwidth-in-cjk** (info)", hover["contents"]["value"])
        self.assertIn("中文行文应使用全角标点", hover["contents"]["value"])
        nothing = self.c.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})["result"]
        self.assertIsNone(nothing)
        self.c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self.assertEqual(self.c.diagnostics(uri), [])
        self.assertEqual(self.c.stop(), 0)

    def test_grouped_finding_fixes_every_mark(self):
        # Copy set with ASCII marks throughout: one diagnostic, one quick fix with every edit,
        # and a fix-all that takes every edit of every fix.
        self.c.start()
        uri = "file:///tmp/tally-lsp-grouped.txt"
        self.c.open(uri, "标题\n\n会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n甲是全角，乙有一处半角,丙是全角，丁是全角。\n")
        d = self.c.diagnostics(uri, 1)
        self.assertEqual(brief(d), [("punct.halfwidth-in-cjk", 2, 4, 5)])
        self.assertEqual(d[0]["message"], "本文中文行文通篇使用半角标点，共 4 处（“,” 3 处、“;” 1 处），应改为全角")

        def edit(line, ch, text):
            return {"range": {"start": {"line": line, "character": ch},
                              "end": {"line": line, "character": ch + 1}}, "newText": text}
        want = [edit(2, 4, "，"), edit(2, 12, "；"), edit(2, 20, "，"), edit(3, 11, "，")]
        self.assertEqual(d[0]["data"]["fix"]["edits"], want)
        actions = self.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 4}},
            "context": {"diagnostics": d}})["result"]
        self.assertEqual([a["kind"] for a in actions], ["quickfix"])
        self.assertEqual(actions[0]["title"], "Fix all 4 marks (punct.halfwidth-in-cjk)")
        self.assertEqual(actions[0]["edit"]["changes"][uri], want)
        self.assertEqual(self.c.stop(), 0)

    def test_code_actions_by_kind(self):
        # Two fixes. Ctrl+. (only: quickfix) gets each fix touching the range and "Apply all" as
        # quickfixes; fix-on-save (only: source.fixAll) gets one source.fixAll.tally with both,
        # wherever the range is; a request for another kind gets nothing.
        self.c.start()
        uri = "file:///tmp/tally-lsp-kinds.txt"
        self.c.open(uri, "标题\n\n" + COMMA + "会议于昨天召开。。各方出席。\n")
        d = self.c.diagnostics(uri, 1)
        fixable = [x for x in d if "fix" in x.get("data", {})]
        self.assertGreaterEqual(len(fixable), 2, d)
        at = fixable[0]["range"]

        def ask(only, rng=at):
            ctx = {"diagnostics": d}
            if only is not None:
                ctx["only"] = only
            return self.c.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": rng, "context": ctx})["result"]
        quick = ask(["quickfix"])
        self.assertEqual([a["kind"] for a in quick], ["quickfix", "quickfix"])
        self.assertEqual(quick[1]["title"], "Apply all %d tally fixes" % len(fixable))
        self.assertEqual(ask(None), quick)
        nowhere = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        self.assertEqual(ask(["quickfix"], nowhere), [])
        for only in (["source.fixAll"], ["source"], ["source.fixAll.tally"]):
            fix_all = ask(only, nowhere)
            self.assertEqual([a["kind"] for a in fix_all], ["source.fixAll.tally"], only)
            self.assertEqual(len(fix_all[0]["edit"]["changes"][uri]), len(fixable))
        self.assertEqual(ask(["refactor"]), [])
        self.assertEqual(ask(["source.organizeImports"]), [])
        self.assertEqual(self.c.stop(), 0)

    def test_related_information(self):
        # A rate's finding points at the part and the whole it was computed from.
        self.c.start()
        uri = "file:///tmp/tally-lsp-rate.txt"
        self.c.open(uri, "办结案件899件，调解和解案件298件，调解和解率达32%。\n")
        d = [x for x in self.c.diagnostics(uri, 1) if x["code"] == "percent.recompute"]
        self.assertEqual(len(d), 1)

        def rel(a, b, label):
            return {"location": {"uri": uri, "range": {"start": {"line": 0, "character": a},
                                                       "end": {"line": 0, "character": b}}},
                    "message": label}
        self.assertEqual(d[0]["relatedInformation"], [rel(15, 19, "分子"), rel(4, 8, "分母")])
        self.assertEqual(self.c.stop(), 0)

    def test_fix_all_of_one_rule(self):
        # Two slips of one rule: the quick fix for the one at the cursor, then every fix of that
        # rule in the document, as `tally check --fix --fix-rule` would choose them.
        self.c.start()
        uri = "file:///tmp/tally-lsp-fixall.txt"
        self.c.open(uri, "一是加强领导，二是完善制度,三是强化考核，四是严格问责,五是总结经验。\n")
        d = self.c.diagnostics(uri, 1)
        self.assertEqual(len(d), 2)
        actions = self.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 13}},
            "context": {"diagnostics": d}})["result"]
        self.assertEqual([a["title"] for a in actions], [
            'Replace with "，" (punct.halfwidth-in-cjk)',
            "Fix all 2 of punct.halfwidth-in-cjk in this document",
            "Apply all 2 tally fixes"])

        def edit(ch):
            return {"range": {"start": {"line": 0, "character": ch},
                              "end": {"line": 0, "character": ch + 1}}, "newText": "，"}
        self.assertEqual(actions[1]["edit"]["changes"][uri], [edit(13), edit(27)])
        self.assertEqual(self.c.stop(), 0)

    def test_incremental_sync_counts_utf16(self):
        self.c.start()
        uri = "file:///tmp/tally-lsp-b.txt"
        # 😀 is two UTF-16 units: the comma after it sits at character 9, not 8.
        self.c.open(uri, "😀包头市检察院联合办案。\n")
        self.assertEqual(self.c.diagnostics(uri, 1), [])
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 8},
                                          "end": {"line": 0, "character": 8}},
                                "text": ",昆都仑区检察院"}]})
        self.assertEqual(brief(self.c.diagnostics(uri, 2)),
                         [("punct.halfwidth-in-cjk", 0, 8, 9)])
        # A full replacement.
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": "文字。\n"}]})
        self.assertEqual(self.c.diagnostics(uri, 3), [])

    def test_newer_edit_wins(self):
        self.c.start()
        uri = "file:///tmp/tally-lsp-c.txt"
        big = "".join(f"第{i}段文字。\n" for i in range(300))
        self.c.open(uri, big + COMMA)
        for v in range(2, 12):  # a burst of edits, each replacing the last line
            self.c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": v},
                "contentChanges": [{"range": {"start": {"line": 300, "character": 0},
                                              "end": {"line": 301, "character": 0}},
                                    "text": COMMA if v % 2 else "包头市检察院。\n"}]})
        d = self.c.diagnostics(uri, 11)
        self.assertEqual(brief(d), [("punct.halfwidth-in-cjk", 300, 6, 7)])
        # Nothing older may arrive after the newest.
        time.sleep(0.3)
        while not self.c.inbox.empty():
            m = self.c.inbox.get()
            if m.get("method") == "textDocument/publishDiagnostics":
                self.assertEqual(m["params"]["version"], 11)

    def test_markdown_suppression(self):
        self.c.start()
        uri = "file:///tmp/tally-lsp-d.md"
        text = ("# 标题\n\n<!-- tally-disable-next-line punct.halfwidth-in-cjk -->\n" + COMMA +
                "\n" + COMMA)
        self.c.open(uri, text, "markdown")
        self.assertEqual(brief(self.c.diagnostics(uri, 1)),
                         [("punct.halfwidth-in-cjk", 5, 6, 7)])

    def test_publication_date_option(self):
        self.c.start(init={"date": "2025-01-10"})
        uri = "file:///tmp/tally-lsp-e.txt"
        self.c.open(uri, "2025年3月5日，会议已经召开。\n")
        self.assertEqual([d["code"] for d in self.c.diagnostics(uri, 1)], ["date.future"])

    def test_a_notice_is_shown_once_per_document(self):
        self.c.start()
        uri = "file:///tmp/tally-lsp-n.txt"
        text = "2099年8月3日，该院召开了推进会。\n"

        def shown(version):
            msgs = self.c.until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri
                                and m["params"].get("version") == version)
            return [m["params"] for m in msgs if m.get("method") == "window/showMessage"]

        def change(version, new_text):
            self.c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": new_text}]})

        notice = {"type": 3, "message": "tally: tally-lsp-n.txt: 没有出版日期，以下规则未运行："
                                        "date.future（用 --date 或 .tally.yml 的 date: 指定出版日期）"}
        self.c.open(uri, text)
        self.assertEqual(shown(1), [notice])
        change(2, text + "另一段。\n")  # still no date: not said again
        self.assertEqual(shown(2), [])
        change(3, "")  # nothing to check, no notice
        self.assertEqual(shown(3), [])
        change(4, text)  # it came back: said again
        self.assertEqual(shown(4), [notice])
        self.c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self.c.open(uri, text, version=5)  # reopened: said again
        self.assertEqual(shown(5), [notice])

    def test_no_notice_with_a_date(self):
        self.c.start(init={"date": "2025-01-10"})
        uri = "file:///tmp/tally-lsp-m.txt"
        self.c.open(uri, "2099年8月3日，该院召开了推进会。\n")
        msgs = self.c.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        self.assertEqual([m for m in msgs if m.get("method") == "window/showMessage"], [])
        self.assertEqual([d["code"] for d in msgs[-1]["params"]["diagnostics"]], ["date.future"])

    def test_bad_messages_do_not_stop_the_server(self):
        self.c.start()
        self.c.raw(b"{not json")
        err = self.c.wait(lambda m: "error" in m and m.get("id") is None)
        self.assertEqual(err["error"]["code"], -32700)
        r = self.c.request("textDocument/definition", {})
        self.assertEqual(r["error"]["code"], -32601)
        r = self.c.request("textDocument/hover", {"textDocument": {}})
        self.assertEqual(r["error"]["code"], -32602)
        # A message that is not an object, a method that is not a string, numbers no double
        # holds: each an error reply, never the end of the server (docs/robustness.md).
        self.c.raw(b"[1, 2]")
        err = self.c.wait(lambda m: "error" in m and m.get("id") is None)
        self.assertEqual(err["error"]["code"], -32600)
        self.c.raw(b'{"jsonrpc": "2.0", "id": 99, "method": 5}')
        r = self.c.wait(lambda m: m.get("id") == 99)
        self.assertEqual(r["error"], {"code": -32600,
                                      "message": '"method" must be a string, not number'})
        self.c.raw(b'{"jsonrpc": "2.0", "id": 1e400, "method": "shutdown"}')
        err = self.c.wait(lambda m: "error" in m and m.get("id") is None)
        self.assertEqual(err["error"]["code"], -32700)
        deep = 1000000
        self.c.raw(b'{"jsonrpc": "2.0", "method": "initialized", "params": ' + b"[" * deep +
                   b"]" * deep + b"}")
        err = self.c.wait(lambda m: "error" in m and m.get("id") is None)
        self.assertEqual(err["error"], {"code": -32700, "message":
                                        "JSON nested deeper than 128 levels at byte 181"})
        self.assertEqual(self.c.stop(), 0)


class BadMessages(unittest.TestCase):
    """Nothing a client sends ends the server: each bad message gets -32600 (not a JSON-RPC
    message), -32602 (a param of the wrong type) or, for a notification, a window/logMessage,
    and the server goes on serving (docs/lsp.md "Bad messages")."""

    def setUp(self):
        self.c = Client()

    def tearDown(self):
        self.c.close()

    def error_for(self, body, id=None):
        self.c.raw(body)
        return self.c.wait(lambda m: "error" in m and m.get("id") == id)["error"]

    def still_serving(self):
        uri = "file:///tmp/tally-lsp-still.txt"
        self.c.open(uri, COMMA)
        self.assertEqual(brief(self.c.diagnostics(uri, 1)), [("punct.halfwidth-in-cjk", 0, 6, 7)])
        self.assertEqual(self.c.stop(), 0)

    def test_not_a_request(self):
        self.c.start()
        cases = [
            (b"[]", None, "a batch (a JSON array) is not supported: send each message on its own"),
            (b'[{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]', None,
             "a batch (a JSON array) is not supported: send each message on its own"),
            (b"5", None, "a message must be a JSON object, not number"),
            (b'"initialize"', None, "a message must be a JSON object, not string"),
            (b"null", None, "a message must be a JSON object, not null"),
            (b'{"jsonrpc": "2.0", "method": 5}', None, '"method" must be a string, not number'),
            (b'{"jsonrpc": "2.0", "id": 7, "method": ["a"]}', 7,
             '"method" must be a string, not array'),
            (b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}', None,
             '"id" must be a string or an integer, not object'),
            (b'{"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}', None,
             '"id" must be a string or an integer, not number'),
            (b'{"jsonrpc": "2.0", "id": null, "method": "shutdown"}', None,
             'a request\'s "id" must be a string or an integer, not null'),
            (b'{"jsonrpc": "2.0", "id": "s", "method": "textDocument/hover", "params": "x"}', "s",
             '"params" must be an object or an array, not string'),
            (b'{"jsonrpc": "2.0", "id": 8}', 8,
             'a message needs a "method" (or, as a response, a "result" or an "error")'),
        ]
        for body, id, message in cases:
            with self.subTest(body=body):
                self.assertEqual(self.error_for(body, id), {"code": -32600, "message": message})
        self.still_serving()

    def test_wrong_typed_params(self):
        self.c.start()
        uri = "file:///tmp/tally-lsp-typed.txt"
        cases = [
            ("textDocument/hover", {"textDocument": {"uri": 5}, "position": {"line": 0, "character": 0}},
             "textDocument.uri must be a string"),
            ("textDocument/hover", {"textDocument": "x", "position": {"line": 0, "character": 0}},
             "textDocument must be an object, not string"),
            ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}},
             "position.line must be an integer from 0 to 2^31-1"),
            ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1e300}},
             "position.character must be an integer from 0 to 2^31-1"),
            ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": "0", "character": 0}},
             "position.line must be an integer from 0 to 2^31-1"),
            ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2**40, "character": 0}},
             "position.line must be an integer from 0 to 2^31-1"),
            ("textDocument/codeAction", {"textDocument": {"uri": uri}},
             "range must be an object, not missing"),
            ("textDocument/codeAction", {"textDocument": {"uri": uri},
                                         "range": {"start": {"line": 0, "character": 0}, "end": []}},
             "range.end must be an object, not array"),
        ]
        for method, params, message in cases:
            with self.subTest(method=method, params=params):
                r = self.c.request(method, params)
                self.assertEqual(r["error"], {"code": -32602, "message": message})
        # Positional params are an array, which no method of ours takes.
        self.c.raw(b'{"jsonrpc": "2.0", "id": 50, "method": "textDocument/hover", "params": [1]}')
        self.assertEqual(self.c.wait(lambda m: m.get("id") == 50)["error"],
                         {"code": -32602, "message": "params must be an object"})
        # A notification cannot be answered: the client's log says what was ignored.
        self.c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 1, "text": 5}})
        log = self.c.wait(lambda m: m.get("method") == "window/logMessage")["params"]
        self.assertEqual(log, {"type": 1, "message": "tally lsp: ignored textDocument/didOpen: "
                                                     "textDocument.text must be a string"})
        self.c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 1.5, "text": ""}})
        log = self.c.wait(lambda m: m.get("method") == "window/logMessage")["params"]
        self.assertEqual(log["message"], "tally lsp: ignored textDocument/didOpen: "
                                         "textDocument.version must be a 32-bit integer")
        self.still_serving()

    def test_bad_initialize_can_be_retried(self):
        r = self.c.request("initialize", {"initializationOptions": {"rules": "not-a-list"}})
        self.assertEqual(r["error"], {"code": -32602, "message":
                                      "initializationOptions.rules must be a list of strings"})
        r = self.c.request("initialize", {"capabilities": 5, "initializationOptions": {"disable": []}})
        self.assertIn("capabilities", r["result"])
        self.c.notify("initialized")
        self.still_serving()

    def test_lifecycle_out_of_order(self):
        r = self.c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"},
                                                  "position": {"line": 0, "character": 0}})
        self.assertEqual(r["error"], {"code": -32002, "message": "the server is not initialized yet"})
        # A notification before initialize is dropped, not a crash (no engine yet).
        self.c.notify("workspace/didChangeWatchedFiles", {"changes": []})
        self.c.start()
        r = self.c.request("initialize", {})
        self.assertEqual(r["error"], {"code": -32600, "message": "initialize was already received"})
        # The client's answer to a request of ours is not a request: no reply.
        self.c.raw(b'{"jsonrpc": "2.0", "id": "tally-watch", "result": null}')
        self.c.request("shutdown")
        r = self.c.request("textDocument/hover", {})
        self.assertEqual(r["error"], {"code": -32600,
                                      "message": "the server is shut down: only exit is accepted"})
        self.c.notify("exit")
        self.assertEqual(self.c.p.wait(timeout=10), 0)

    def test_framing(self):
        self.c.start()
        for header, message in [(b"Content-Length: -1\r\n\r\n", "bad Content-Length: Content-Length: -1"),
                                (b"Content-Length: 5x\r\n\r\n", "bad Content-Length: Content-Length: 5x"),
                                (b"X-Nothing: 1\r\n\r\n", "missing Content-Length"),
                                (b"X: " + b"a" * 20000 + b"\r\nContent-Length: 2\r\n\r\n{}",
                                 "a header line longer than 8192 bytes")]:
            with self.subTest(header=header[:40]):
                self.c.p.stdin.write(header)
                self.c.p.stdin.flush()
                err = self.c.wait(lambda m: "error" in m and m.get("id") is None)["error"]
                self.assertEqual(err, {"code": -32700, "message": message})
        self.still_serving()


class LossOfSync(unittest.TestCase):
    """A change the server cannot follow (a version that does not increase, a range that ends
    before it starts or lies past the end of the text) drops the document with a
    window/logMessage: its diagnostics are cleared and nothing more is published for it until
    the client reopens it or sends its full text."""

    URI = "file:///tmp/tally-lsp-sync.txt"

    def setUp(self):
        self.c = Client()
        self.c.start()
        self.c.open(self.URI, COMMA, version=5)
        self.assertEqual(brief(self.c.diagnostics(self.URI, 5)), [("punct.halfwidth-in-cjk", 0, 6, 7)])

    def tearDown(self):
        self.c.close()

    def change(self, version, changes):
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": self.URI, "version": version},
                                                 "contentChanges": changes})

    @staticmethod
    def insert(line, ch, text, end=None):
        end = end or (line, ch)
        return {"range": {"start": {"line": line, "character": ch},
                          "end": {"line": end[0], "character": end[1]}}, "text": text}

    def assert_dropped(self, why):
        seen = self.c.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        logs = [m["params"] for m in seen if m.get("method") == "window/logMessage"]
        self.assertEqual(logs, [{"type": 2, "message": "tally lsp: lost sync with " + self.URI + ": " +
                                 why + "; its diagnostics stop until it is reopened or its full "
                                 "text is sent"}])
        self.assertEqual(seen[-1]["params"], {"uri": self.URI, "diagnostics": []})
        # Edits to the dropped text are not followed, nothing is published, nothing to hover.
        self.change(20, [self.insert(0, 0, "甲,乙")])
        r = self.c.request("textDocument/hover", {"textDocument": {"uri": self.URI},
                                                  "position": {"line": 0, "character": 6}})
        self.assertIsNone(r["result"])
        time.sleep(0.5)
        while not self.c.inbox.empty():
            self.assertNotEqual(self.c.inbox.get().get("method"), "textDocument/publishDiagnostics")

    def test_same_version_replayed(self):
        self.change(5, [self.insert(0, 0, "甲")])
        self.assert_dropped("version 5 does not follow version 5")
        # The full text brings it back, whatever its version.
        self.change(3, [self.insert(0, 0, "x"), {"text": "乙" + COMMA}, self.insert(0, 0, "甲")])
        self.assertEqual(brief(self.c.diagnostics(self.URI, 3)), [("punct.halfwidth-in-cjk", 0, 8, 9)])

    def test_older_version(self):
        self.change(4, [self.insert(0, 0, "甲")])
        self.assert_dropped("version 4 does not follow version 5")
        self.c.open(self.URI, COMMA, version=1)  # reopened
        self.assertEqual(brief(self.c.diagnostics(self.URI, 1)), [("punct.halfwidth-in-cjk", 0, 6, 7)])

    def test_end_before_start(self):
        self.change(6, [self.insert(0, 4, "", end=(0, 2))])
        self.assert_dropped("a change's range ends (0:2) before it starts (0:4)")
        self.c.open(self.URI, COMMA, version=7)
        self.assertEqual(len(self.c.diagnostics(self.URI, 7)), 1)

    def test_line_past_the_end(self):
        # COMMA is one line and a newline: line 1 (empty) exists, line 2 does not.
        self.change(6, [self.insert(1, 0, "尾")])
        self.assertEqual(brief(self.c.diagnostics(self.URI, 6)), [("punct.halfwidth-in-cjk", 0, 6, 7)])
        self.change(7, [self.insert(3, 0, "尾")])
        self.assert_dropped("a change's range reaches line 3 of a text that ends at line 1")

    def test_a_change_of_the_wrong_shape(self):
        self.change(6, [{"range": {"start": {"line": 0}}, "text": "x"}])
        self.assert_dropped("contentChanges[].range.start.character must be an integer from 0 to 2^31-1")

    def test_character_past_the_line_end_is_its_end(self):
        # LSP: a character past the line's length means the line's end; not a loss of sync.
        self.change(6, [self.insert(0, 500, "甲,乙")])
        self.assertEqual(brief(self.c.diagnostics(self.URI, 6)),
                         [("punct.halfwidth-in-cjk", 0, 6, 7), ("punct.halfwidth-in-cjk", 0, 20, 21)])

    def test_character_past_the_line_end_stops_before_a_crlf(self):
        # In a CRLF text the line's end is before its '\r': the edit goes there, not inside the
        # line break.
        self.c.open(self.URI, "甲乙\r\n丙丁\r\n", version=10)
        self.assertEqual(self.c.diagnostics(self.URI, 10), [])
        self.change(11, [self.insert(0, 500, ",戊")])
        self.assertEqual(brief(self.c.diagnostics(self.URI, 11)), [("punct.halfwidth-in-cjk", 0, 2, 3)])


class ConfigRules(unittest.TestCase):
    def test_rules_from_the_documents_config_explain_themselves(self):
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "house"))
            with open(os.path.join(d, "house", "word.yaml"), "w") as f:
                f.write("id: house.word\nkind: pattern\npattern: '旁听'\nmessage: seen\n"
                        "description: {zh: 本社用语规范, en: House style}\n"
                        "link: https://example.org/house#word\n")
            with open(os.path.join(d, ".tally.yml"), "w") as f:
                f.write("rules: [house]\n")
            c = Client()
            try:
                c.start()
                uri = "file://" + os.path.join(d, "draft.txt")
                c.open(uri, "邀请旁听庭审。\n")
                (diag,) = c.diagnostics(uri, 1)
                self.assertEqual(diag["code"], "house.word")
                self.assertEqual(diag["codeDescription"]["href"], "https://example.org/house#word")
                hover = c.request("textDocument/hover", {
                    "textDocument": {"uri": uri},
                    "position": {"line": 0, "character": 2}})["result"]["contents"]["value"]
                self.assertIn("本社用语规范", hover)
                self.assertIn("[Explanation](https://example.org/house#word)", hover)
                self.assertEqual(c.stop(), 0)
            finally:
                c.close()


class Reload(unittest.TestCase):
    def test_rule_file_changed_on_disk(self):
        with tempfile.TemporaryDirectory() as d:
            rule = os.path.join(d, "house.yaml")
            with open(rule, "w") as f:
                f.write("id: house.word\nkind: pattern\npattern: '旁听'\nmessage: first\n")
            c = Client("--rules", d)
            try:
                c.start()
                uri = "file:///tmp/tally-lsp-f.txt"
                c.open(uri, "邀请旁听庭审。\n")
                self.assertEqual([x["message"] for x in c.diagnostics(uri, 1)], ["first"])
                time.sleep(0.05)
                with open(rule, "w") as f:
                    f.write("id: house.word\nkind: pattern\npattern: '庭审'\nmessage: second\n")
                self.assertEqual([x["message"] for x in c.diagnostics(uri, 1, timeout=5)],
                                 ["second"])
                # The client can also say so itself.
                with open(rule, "w") as f:
                    f.write("id: house.word\nkind: pattern\npattern: '邀请'\nmessage: third\n")
                c.notify("workspace/didChangeWatchedFiles", {"changes": [
                    {"uri": "file://" + rule, "type": 2}]})
                self.assertEqual([x["message"] for x in c.diagnostics(uri, 1, timeout=5)],
                                 ["third"])
                self.assertEqual(c.stop(), 0)
            finally:
                c.close()


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
