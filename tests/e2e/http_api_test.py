"""`tally serve` over real HTTP on loopback: the /v1 API against the CLI's findings and the JSON
schema, the LanguageTool protocol (UTF-16 offsets, annotated data), every error status with its
JSON body, the size limit, socket timeouts, concurrent requests, bounded concurrency (503),
CORS, rule folders reloaded from disk, the page's assets, and a clean stop on SIGTERM.
Usage: http_api_test.py TALLY ROOT"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

try:
    import jsonschema
except ImportError:  # a missing validator is a failure, never a skip
    sys.exit("http_api_test: python3-jsonschema is missing (scripts/setup.sh --test installs it)")

TALLY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def schema(name):
    with open(os.path.join(ROOT, "tests/schemas", name)) as f:
        return json.load(f)


CHECK_SCHEMA = schema("tally-check.schema.json")
LT_SCHEMA = schema("languagetool-check.schema.json")


def sample(name):
    with open(os.path.join(ROOT, "samples", name), encoding="utf-8") as f:
        return f.read()


# Where count.enumeration's span ("three towns") is printed on tests/e2e/samples/page.pdf.
BOX0 = [119.7, 211.8, 168.4, 221.3]


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


class Server:
    """One `tally serve --port 0` process; the port is read from the line it prints."""

    def __init__(self, *args, cwd=ROOT, env=None):
        self.proc = subprocess.Popen([TALLY, "serve", "--port", "0", *args], cwd=cwd,
                                     env={**os.environ, **(env or {})},
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.banner = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.banner)
        if not m:
            self.proc.kill()
            raise AssertionError("no listening line: %r %r" % (self.banner, self.proc.stderr.read()))
        self.port = int(m.group(1))

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        elif isinstance(body, str):
            body = body.encode()
        if body is not None and path in ("/v1/check", "/v1/fix", "/v1/ignore", "/v1/edition") and \
                "Content-Type" not in (headers or {}):
            headers = {"Content-Type": "application/json", **(headers or {})}  # else 415
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        data = res.read()
        conn.close()
        return res.status, dict(res.getheaders()), data

    def json(self, method, path, body=None, headers=None):
        status, hdrs, data = self.request(method, path, body, headers)
        return status, hdrs, json.loads(data)

    def form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.json("POST", path, body,
                         {"Content-Type": "application/x-www-form-urlencoded"})

    def close(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=10)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()
        return code


class Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--quiet")

    @classmethod
    def tearDownClass(cls):
        code = cls.server.close()
        assert code == 0, "tally serve exited %d after SIGTERM" % code

    def assertError(self, status, body, want_status, code, message_part):
        self.assertEqual(status, want_status, body)
        self.assertEqual(set(body), {"error"})
        self.assertEqual(body["error"]["code"], code)
        self.assertIn(message_part, body["error"]["message"])

    def test_loopback_by_default(self):
        self.assertIn("listening on http://127.0.0.1:", self.server.banner)
        # The kernel's own table: bound to 127.0.0.1 (0100007F), not to every address.
        with open("/proc/net/tcp") as f:
            rows = [line.split() for line in f.readlines()[1:]]
        mine = [r[1] for r in rows if r[3] == "0A" and int(r[1].split(":")[1], 16) == self.server.port]
        self.assertEqual(mine, ["0100007F:%04X" % self.server.port])

    def test_healthz(self):
        status, hdrs, body = self.server.json("GET", "/healthz")
        self.assertEqual(status, 200)
        # Started with no flags in ROOT (a checkout with no .tally-ignore): a new one there.
        self.assertEqual(body, {"status": "ok", "version": "0.1.0", "rules": 26, "rule_errors": 0,
                                "baseline": ".tally-ignore"})
        self.assertEqual(hdrs["Content-Type"], "application/json; charset=utf-8")

    def test_check_matches_the_cli(self):
        for name in ["zh-lines.txt", "en-draft.md", "zh-page-wrapped.txt"]:
            status, hdrs, body = self.server.json(
                "POST", "/v1/check", {"text": sample(name), "filename": name})
            self.assertEqual(status, 200, body)
            jsonschema.validate(body, CHECK_SCHEMA)
            self.assertIn("check;dur=", hdrs["Server-Timing"])
            cli = subprocess.run([TALLY, "check", "--format", "json", "samples/" + name],
                                 cwd=ROOT, capture_output=True, text=True)
            want = json.loads(cli.stdout)["files"][0]
            got = body["files"][0]
            self.assertEqual(got["path"], name)
            for key in ["findings", "articles", "publication_date", "notices", "rule_errors"]:
                self.assertEqual(got[key], want[key], (name, key))
            self.assertEqual(body["summary"]["findings"], len(want["findings"]))

    def test_a_pdf_page_is_read_by_layout(self):
        pdf_path = os.path.join(ROOT, "tests/e2e/samples/page.pdf")
        with open(pdf_path, "rb") as f:
            pdf = f.read()
        pdf_type = {"Content-Type": "application/pdf"}
        status, _, body = self.server.json(
            "POST", "/v1/check?filename=page.pdf&date=2026-12-03&id=p1", pdf, pdf_type)
        self.assertEqual(status, 200, body)
        jsonschema.validate(body, CHECK_SCHEMA)
        got = body["files"][0]
        self.assertEqual((got["path"], got["id"], got["publication_date"]),
                         ("page.pdf", "p1", "2026-12-03"))
        # What the CLI reports on the file, and the text the spans index.
        cli = subprocess.run([TALLY, "check", "--format", "json", "--date", "2026-12-03", pdf_path],
                             capture_output=True, text=True)
        want = json.loads(cli.stdout)["files"][0]
        self.assertEqual(got["findings"], want["findings"])
        self.assertEqual(got["articles"], want["articles"])
        text = got["text"].encode()
        cut = lambda s: text[s["start"]["offset"]:s["end"]["offset"]].decode()
        self.assertEqual([(f["rule"], cut(f["span"]), f["pdf"]["page"]) for f in got["findings"]],
                         [("count.enumeration", "three towns", 1), ("growth.recompute", "30%", 1),
                          ("quote.unbalanced", '"', 2)])
        self.assertEqual(got["findings"][0]["pdf"]["bbox"], BOX0)
        related = got["findings"][0]["related"][0]
        self.assertEqual((related["label"], cut(related["span"]), related["pdf"]["page"]),
                         ("4 items", "Alder Point, Brookmere,\nCedar Vale and Dunmore", 1))
        # The query takes the JSON request's fields, checked the same way.
        _, _, body = self.server.json("POST", "/v1/check?rules=quote.*&messages=zh", pdf, pdf_type)
        self.assertEqual([f["rule"] for f in body["files"][0]["findings"]], ["quote.unbalanced"])
        self.assertEqual(body["files"][0]["path"], "<pdf>")
        self.assertNotIn("pages_html", got)
        # pages=html: the pages drawn as the HTML report draws them, a box per finding and per
        # related span (data-f "f1-N", the N-th finding), placed by data-pos, no style attribute.
        status, _, body = self.server.json("POST", "/v1/check?filename=page.pdf&pages=html", pdf, pdf_type)
        self.assertEqual(status, 200, body)
        jsonschema.validate(body, CHECK_SCHEMA)
        html = body["files"][0]["pages_html"]
        self.assertEqual(re.findall(r'<figure class="pdfpage" data-page="(\d+)"', html), ["1", "2"])
        self.assertEqual(re.findall(r'<a class="box (\w+)( rel)?"[^>]* data-f="(f1-\d)"', html),
                         [("error", " rel", "f1-1"), ("error", "", "f1-1"), ("info", "", "f1-2"),
                          ("warning", "", "f1-3")])
        self.assertEqual(html.count(" data-pos=\"left:"), 4)
        self.assertNotIn(" style=", html)
        # Labelled in the page's language (English here), or in the one the messages are asked in.
        self.assertEqual(re.findall(r"<figcaption>(.*?)</figcaption>", html),
                         ["PDF page 1", "PDF page 2"])
        _, _, body = self.server.json("POST", "/v1/check?pages=html&messages=zh", pdf, pdf_type)
        self.assertEqual(re.findall(r"<figcaption>(.*?)</figcaption>", body["files"][0]["pages_html"]),
                         ["PDF 第 1 页", "PDF 第 2 页"])
        status, _, body = self.server.json("POST", "/v1/check?pages=png", pdf, pdf_type)
        self.assertError(status, body, 400, "bad_request", "'pages' takes 'html'")
        status, _, body = self.server.json("POST", "/v1/check?colour=red", pdf, pdf_type)
        self.assertError(status, body, 400, "bad_request", "unknown query parameter 'colour'")
        status, _, body = self.server.json("POST", "/v1/check?date=2026-13-01", pdf, pdf_type)
        self.assertError(status, body, 400, "bad_request", "date")
        # Bad PDFs: refused with the name given. A name is never a path the server opens: the
        # sample's own path with other bytes is still those bytes.
        status, _, body = self.server.json(
            "POST", "/v1/check?filename=page.pdf", b"%PDF-1.7\nno objects\n", pdf_type)
        self.assertError(status, body, 422, "bad_pdf", "page.pdf: not a readable PDF")
        status, _, body = self.server.json(
            "POST", "/v1/check?filename=" + urllib.parse.quote(pdf_path), b"hello", pdf_type)
        self.assertError(status, body, 422, "bad_pdf", pdf_path + ": not a PDF (no %PDF- header)")
        # Only /v1/check takes a PDF.
        status, _, body = self.server.json("POST", "/v1/fix", pdf, pdf_type)
        self.assertError(status, body, 415, "unsupported_media_type", "application/json")

    def test_check_exact_findings(self):
        status, _, body = self.server.json("POST", "/v1/check", {"text": sample("zh-lines.txt")})
        self.assertEqual(status, 200)
        found = [(f["rule"], f["severity"], f["span"]["start"]["line"], f["span"]["start"]["column"],
                  f["message"]) for f in body["files"][0]["findings"]]
        self.assertEqual(found, [
            ("count.sum-mismatch", "error", 7, 18, "各部分之和与总数不符：139人 + 429人 + 107人 + 74人 ≠ 658人"),
            ("date.invalid", "info", 9, 1, "日期不存在：2025年2月30日")])
        self.assertEqual(body["files"][0]["path"], "<text>")

    def test_check_options(self):
        text = "The forum was held on 3 May 2026 in the city hall.\n"
        # date.future fires only when the publication date is before the date in the text.
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "date": "2026-04-01"})
        self.assertEqual([f["rule"] for f in body["files"][0]["findings"]], ["date.future"])
        self.assertEqual(body["files"][0]["publication_date"], "2026-04-01")
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "date": "2026-06-01"})
        self.assertEqual(body["files"][0]["findings"], [])
        text = sample("zh-lines.txt")
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "rules": ["date.*"]})
        self.assertEqual([f["rule"] for f in body["files"][0]["findings"]], ["date.invalid"])
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "disable": ["date.invalid"]})
        self.assertEqual([f["rule"] for f in body["files"][0]["findings"]],
                         ["count.sum-mismatch"])
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "language": "en"})
        self.assertEqual(body["files"][0]["findings"][0]["message"],
                         "The parts do not add up to the total: 139人 + 429人 + 107人 + 74人 ≠ 658人")

    def test_notices_say_which_rules_could_not_run(self):
        text = "The forum was held on 3 May 2099 in the city hall.\n"
        status, _, body = self.server.json("POST", "/v1/check", {"text": text, "id": "d-17"})
        self.assertEqual(status, 200)
        jsonschema.validate(body, CHECK_SCHEMA)
        self.assertEqual(body["files"][0]["id"], "d-17")
        self.assertEqual(body["files"][0]["notices"], [
            {"id": "no-publication-date", "requirement": "publication_date",
             "message": "No publication date, so these rules did not run: date.future "
                        "(give one with --date or date: in .tally.yml)",
             "rules": ["date.future"]}])
        self.assertEqual(body["summary"]["notices"], 1)
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "date": "2026-04-01"})
        self.assertEqual(body["files"][0]["notices"], [])
        self.assertEqual(body["summary"]["notices"], 0)
        self.assertNotIn("id", body["files"][0])
        _, _, body = self.server.json("POST", "/v1/check", {"text": text, "rules": ["percent.*"]})
        self.assertEqual(body["files"][0]["notices"], [])

    def test_the_same_requests_are_refused_as_by_jsonl(self):
        # POST /v1/check and `tally check --jsonl` read requests with one function: the same
        # mistakes get the same message (and, in JSON lines, the line number).
        bad = [{"txt": "a"}, {"text": "a", "languag": "en"}, {"text": 3},
               {"text": "a", "language": "fr"}, {"text": "a", "date": "2026-02-30"},
               {"text": "a", "rules": ["percent.recompte"]}, {"text": "a", "disable": "date.invalid"},
               {"text": "a", "filename": ""}, {"text": "a", "input_format": "md"}, ["text"]]
        http = []
        for body in bad:
            status, _, reply = self.server.json("POST", "/v1/check", body)
            self.assertEqual((status, reply["error"]["code"]), (400, "bad_request"), body)
            http.append(reply["error"]["message"])
        self.assertEqual(http[0], "unknown field 'txt'; did you mean 'text'? (a request has id, "
                                  "text, filename, language, date, input_format, rules, disable, enable)")
        self.assertEqual(http[1], "unknown field 'languag'; did you mean 'language'? (a request "
                                  "has id, text, filename, language, date, input_format, rules, disable, enable)")
        lines = "".join(json.dumps(b) + "\n" for b in bad)
        p = subprocess.run([TALLY, "check", "--jsonl", "-"], input=lines, capture_output=True,
                           text=True, cwd=ROOT)
        self.assertEqual(p.returncode, 2)
        jsonl = [json.loads(l)["error"]["message"] for l in p.stdout.splitlines()]
        self.assertEqual(jsonl, http)
        self.assertIn("-:2: error: unknown field 'languag'; did you mean 'language'?", p.stderr)

    def test_markdown_by_filename(self):
        text = ("Of 1,200 patients, 900 were satisfied, a rate of 80%.\n\n"
                "<!-- tally-disable-next-line percent.recompute -->\n"
                "Of 1,000 patients, 900 were satisfied, a rate of 80%.\n")
        _, _, md = self.server.json("POST", "/v1/check", {"text": text, "filename": "draft.md"})
        lines = [f["span"]["start"]["line"] for f in md["files"][0]["findings"]]
        self.assertEqual(lines, [1])

    def test_input_format(self):
        text = ("Of 1,200 patients, 900 were satisfied, a rate of 80%.\n\n"
                "<!-- tally-disable-next-line percent.recompute -->\n"
                "Of 1,000 patients, 900 were satisfied, a rate of 80%.\n")
        lines = {}
        for fmt in ("auto", "markdown", "plain"):
            status, _, body = self.server.json("POST", "/v1/check",
                                               {"text": text, "input_format": fmt})
            self.assertEqual(status, 200)
            lines[fmt] = [f["span"]["start"]["line"] for f in body["files"][0]["findings"]]
        # Read as Markdown, the comment suppresses the finding on line 4.
        self.assertEqual(lines, {"auto": [1, 4], "markdown": [1], "plain": [1, 4]})
        status, _, body = self.server.json("POST", "/v1/check", {"text": text, "input_format": "md"})
        self.assertError(status, body, 400, "bad_request",
                         "'input_format' must be auto, page, plain or markdown, not \"md\"")

    def test_rules(self):
        status, _, body = self.server.json("GET", "/v1/rules")
        self.assertEqual(status, 200)
        ids = [r["id"] for r in body["rules"]]
        self.assertEqual(len(ids), 26)
        self.assertEqual(body["errors"], [])
        r = next(r for r in body["rules"] if r["id"] == "percent.recompute")
        self.assertEqual((r["severity"], r["kind"], r["enabled"]), ("error", "rate", True))
        self.assertEqual(set(r["description"]), {"zh", "en"})

    def test_bad_requests(self):
        s = self.server
        status, _, body = s.json("POST", "/v1/check", '{"text": ')
        self.assertError(status, body, 400, "bad_json", "line 1, column 10")
        status, _, body = s.json("POST", "/v1/check", '["text"]')
        self.assertError(status, body, 400, "bad_request", "must be a JSON object")
        status, _, body = s.json("POST", "/v1/check", {"txt": "a"})
        self.assertError(status, body, 400, "bad_request", "unknown field 'txt'")
        status, _, body = s.json("POST", "/v1/check", {"text": 3})
        self.assertError(status, body, 400, "bad_request", "'text' is required")
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "language": "fr"})
        self.assertError(status, body, 400, "bad_request", "'language'")
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "date": "2026-02-30"})
        self.assertError(status, body, 400, "bad_request", "YYYY-MM-DD, got \"2026-02-30\"")
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "rules": ["percent.recompte"]})
        self.assertError(status, body, 400, "bad_request", "no rule 'percent.recompte'")
        self.assertEqual(body["error"]["message"], "'rules': no rule 'percent.recompte'; did you "
                         "mean 'percent.recompute'? (`tally rules` and GET /v1/rules list them)")
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "disable": ["percnt.*"]})
        self.assertEqual(body["error"]["message"], "'disable': no rule matches 'percnt.*'; did "
                         "you mean 'percent.*'? (`tally rules` and GET /v1/rules list them)")
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "enable": ["quote.unbalancd"]})
        self.assertEqual(body["error"]["message"], "'enable': no rule 'quote.unbalancd'; did you "
                         "mean 'quote.unbalanced'? (`tally rules` and GET /v1/rules list them)")
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "enable": ["quote.*"]})
        self.assertEqual(status, 200, body)
        status, _, body = s.json("POST", "/v1/check", {"text": "a", "disable": "date.invalid"})
        self.assertError(status, body, 400, "bad_request", "'disable' must be a list")
        status, _, body = s.json("POST", "/v1/check", b'{"text": "ab\xff"}')
        self.assertError(status, body, 400, "bad_json", "ill-formed UTF-8")
        # Valid JSON no double holds: the reader's out_of_range, not a 500 (docs/robustness.md).
        status, _, body = s.json("POST", "/v1/check", '{"text": "a", "id": 1e400}')
        self.assertError(status, body, 400, "bad_json", "number overflow parsing '1e400'")
        deep = '{"text": "a", "id": ' + "[" * 200000 + "]" * 200000 + "}"
        status, _, body = s.json("POST", "/v1/check", deep)
        self.assertError(status, body, 400, "bad_json", "JSON nested deeper than 128 levels")
        status, _, body = s.json("POST", "/v1/check", {"text": "abc\u0000def"})
        self.assertError(status, body, 422, "bad_text", "NUL byte at offset 3")
        self.assertEqual(body["error"]["offset"], 3)
        status, hdrs, body = s.json("GET", "/v1/check")
        self.assertError(status, body, 405, "method_not_allowed", "/v1/check takes POST")
        self.assertEqual(hdrs["Allow"], "POST")
        status, hdrs, body = s.json("POST", "/v1/rules", {})
        self.assertError(status, body, 405, "method_not_allowed", "/v1/rules takes GET")
        status, _, body = s.json("GET", "/v1/nothing")
        self.assertError(status, body, 404, "not_found", "/v1/nothing")
        status, _, body = s.json("DELETE", "/v1/nothing")
        self.assertError(status, body, 404, "not_found", "/v1/nothing")
        # The server is still there after all of that.
        self.assertEqual(s.json("GET", "/healthz")[0], 200)

    def test_garbage_on_the_socket(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as sock:
            sock.sendall(b"\x00\xff\x16\x03\x01 not http\r\n\r\n")
            reply = b""
            while not reply.endswith(b"}"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                reply += chunk
        self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply)
        self.assertIn(b'"code":"bad_request"', reply)
        self.assertEqual(self.server.json("GET", "/healthz")[0], 200)

    def test_concurrent_requests(self):
        texts = {name: sample(name) for name in
                 ["zh-lines.txt", "en-lines.txt", "zh-draft.md", "en-draft.md", "zh-page-wrapped.txt"]}
        want = {name: self.server.json("POST", "/v1/check", {"text": t, "filename": name})[2]
                for name, t in texts.items()}
        errors, lock = [], threading.Lock()
        barrier = threading.Barrier(16)

        def worker(i):
            barrier.wait()
            for k in range(5):
                name = list(texts)[(i + k) % len(texts)]
                status, _, body = self.server.json(
                    "POST", "/v1/check", {"text": texts[name], "filename": name})
                if status != 200 or body != want[name]:
                    with lock:
                        errors.append((name, status))

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

    def test_languagetool_offsets_in_utf16(self):
        # An astral character (two UTF-16 units, four UTF-8 bytes) before each finding.
        text = "𠀀 " + sample("zh-lines.txt")
        status, _, body = self.server.form("/v2/check", {"text": text, "language": "zh-CN"})
        self.assertEqual(status, 200, body)
        jsonschema.validate(body, LT_SCHEMA)
        self.assertEqual(body["language"]["code"], "zh-CN")
        got = [(m["rule"]["id"], m["offset"], m["length"]) for m in body["matches"]]
        i = text.index("658人")  # the total its parts do not add up to
        j = text.index("2025年2月30日")
        self.assertEqual(got, [("count.sum-mismatch", utf16_len(text[:i]), 4),
                               ("date.invalid", utf16_len(text[:j]), 10)])
        m = body["matches"][0]
        self.assertEqual(m["message"], "各部分之和与总数不符：139人 + 429人 + 107人 + 74人 ≠ 658人")
        self.assertEqual(m["rule"]["category"], {"id": "count", "name": "数量"})  # the family, in the article's language
        self.assertEqual(m["rule"]["issueType"], "inconsistency")
        self.assertTrue(m["rule"]["description"].startswith("文中说明各部分构成总数"), m["rule"])
        ctx = m["context"]
        self.assertEqual(ctx["text"][ctx["offset"]:ctx["offset"] + ctx["length"]], "658人")
        self.assertIn("共摸排特殊未成年人658人", m["sentence"])

    def test_languagetool_replacements(self):
        text = "The office said that that the plan was ready.\n防范校园欺凌欺凌的的知识知识，，累计覆盖\n"
        status, _, body = self.server.form("/v2/check", {"text": text, "language": "auto"})
        self.assertEqual(status, 200)
        doubled = [m for m in body["matches"] if m["rule"]["id"] == "artifact.doubled-text"]
        self.assertEqual(len(doubled), 1)
        m = doubled[0]
        start = text.index("欺凌欺凌")
        self.assertEqual(m["offset"], utf16_len(text[:start]))
        # Applying the replacement the way LanguageTool clients do gives the repaired text.
        fixed = text[:m["offset"]] + m["replacements"][0]["value"] + text[m["offset"] + m["length"]:]
        self.assertIn("防范校园欺凌的知识，累计覆盖", fixed)

    def test_grouped_fix_in_both_apis(self):
        # Copy set with ASCII marks throughout: one finding; /v1 lists every edit, and the
        # LanguageTool API gives one replacement of their extent that fixes them all.
        text = "会议指出,要坚持问题导向;各地要抓好落实,确保实效。\n"
        status, _, body = self.server.json("POST", "/v1/check", {"text": text})
        self.assertEqual(status, 200)
        (f,) = body["files"][0]["findings"]
        self.assertEqual([e["replacement"] for e in f["fix"]["edits"]], ["，", "；", "，"])
        status, _, body = self.server.form("/v2/check", {"text": text, "language": "zh"})
        self.assertEqual(status, 200)
        (m,) = body["matches"]
        fixed = text[:m["offset"]] + m["replacements"][0]["value"] + text[m["offset"] + m["length"]:]
        self.assertEqual(fixed, "会议指出，要坚持问题导向；各地要抓好落实，确保实效。\n")

    def test_languagetool_annotated_data(self):
        data = {"annotation": [
            {"markup": "<p class=\"lead\">"},
            {"text": "2025年2月30日，"},
            {"markup": "<br/>", "interpretAs": "\n"},
            {"text": "该院召开会议。"},
            {"markup": "</p>"}]}
        status, _, body = self.server.form("/v2/check", {"data": json.dumps(data), "language": "zh"})
        self.assertEqual(status, 200, body)
        got = [(m["rule"]["id"], m["offset"], m["length"]) for m in body["matches"]]
        self.assertEqual(got, [("date.invalid", utf16_len('<p class="lead">'), 10)])

    def test_languagetool_rule_selection_and_errors(self):
        text = sample("zh-lines.txt")
        _, _, body = self.server.form("/v2/check", {"text": text, "language": "zh",
                                                    "disabledRules": "date.invalid,WHITESPACE_RULE"})
        self.assertEqual([m["rule"]["id"] for m in body["matches"]], ["count.sum-mismatch"])
        _, _, body = self.server.form("/v2/check", {"text": text, "language": "zh",
                                                    "enabledRules": "date.*", "enabledOnly": "true"})
        self.assertEqual([m["rule"]["id"] for m in body["matches"]], ["date.invalid"])
        status, _, body = self.server.form("/v2/check", {"text": text})
        self.assertError(status, body, 400, "bad_request", "Missing 'language' parameter")
        status, _, body = self.server.form("/v2/check", {"language": "zh"})
        self.assertError(status, body, 400, "bad_request", "Missing 'text' or 'data' parameter")
        # A language Tally does not check: no matches and a warning, as the issue asks.
        status, _, body = self.server.form("/v2/check", {"text": "x", "language": "fr"})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["matches"], [])
        self.assertTrue(body["warnings"]["incompleteResults"])
        self.assertIn("Tally does not check fr", body["warnings"]["incompleteResultsReason"])
        status, _, body = self.server.form("/v2/check", {"data": "{", "language": "zh"})
        self.assertError(status, body, 400, "bad_request", "Could not parse JSON from 'data'")
        status, _, body = self.server.json("GET", "/v2/languages")
        self.assertEqual([l["longCode"] for l in body][:3], ["zh-CN", "en", "en-AU"])

    def test_page_and_assets(self):
        status, hdrs, html = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["Content-Type"], "text/html; charset=utf-8")
        self.assertIn("default-src 'self'", hdrs["Content-Security-Policy"])
        for asset, mime in [("app.js", "text/javascript"), ("app.css", "text/css"),
                            ("favicon.svg", "image/svg+xml")]:
            self.assertIn(asset.encode(), html)
            status, hdrs, data = self.server.request("GET", "/" + asset)
            self.assertEqual(status, 200)
            self.assertTrue(hdrs["Content-Type"].startswith(mime))
            # Every asset is served here: nothing refers to another host.
            self.assertNotRegex(data.decode(), r"(src|href)=\"(https?:)?//")
            self.assertNotRegex(data.decode(), r"url\((https?:)?//")
        self.assertNotRegex(html.decode(), r"(https?:)?//[a-z]")


class Limits(unittest.TestCase):
    def test_request_size_limit(self):
        s = Server("--quiet", "--max-bytes", "2000")
        try:
            small = {"text": "a" * 1900}
            self.assertEqual(s.json("POST", "/v1/check", small)[0], 200)
            status, _, body = s.json("POST", "/v1/check", {"text": "a" * 2100})
            self.assertEqual(status, 413)
            self.assertEqual(body["error"]["code"], "too_large")
            self.assertIn("larger than 2000 bytes", body["error"]["message"])
            status, _, body = s.form("/v2/check", {"text": "好" * 1000, "language": "zh"})
            self.assertEqual(status, 413)
            self.assertEqual(s.json("GET", "/healthz")[0], 200)
        finally:
            self.assertEqual(s.close(), 0)

    def test_read_timeout(self):
        s = Server("--quiet", "--timeout", "1")
        try:
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
                sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                started = time.monotonic()
                data = sock.recv(4096)  # the server gives up on the body and closes
                while data and b"\r\n\r\n" not in data:
                    data += sock.recv(4096)
                elapsed = time.monotonic() - started
            self.assertLess(elapsed, 5)
            self.assertEqual(s.json("GET", "/healthz")[0], 200)
        finally:
            self.assertEqual(s.close(), 0)

    def test_bounded_concurrency(self):
        rules = tempfile.mkdtemp()
        try:
            # A rule that runs until its instruction budget stops it: a slow check.
            with open(os.path.join(rules, "slow.lua"), "w") as f:
                f.write("tally.rule{ id = 'house.slow', on_article = function(a, report)\n"
                        "  while true do end\nend }\n")
            s = Server("--quiet", "--rules", rules, "--jobs", "1", "--max-pending", "0")
            try:
                results, lock = [], threading.Lock()
                barrier = threading.Barrier(6)
                text = sample("zh-page-wrapped.txt")

                def worker():
                    barrier.wait()
                    status, hdrs, body = s.json("POST", "/v1/check", {"text": text})
                    with lock:
                        results.append((status, hdrs.get("Retry-After"), body))

                threads = [threading.Thread(target=worker) for _ in range(6)]
                for t in threads:
                    t.start()
                health = s.json("GET", "/healthz")[0]  # answered while checks hold the slot
                for t in threads:
                    t.join()
                self.assertEqual(health, 200)
                ok = [b for st, _, b in results if st == 200]
                busy = [(r, b) for st, r, b in results if st == 503]
                self.assertEqual(len(ok) + len(busy), 6, [r[0] for r in results])
                self.assertGreaterEqual(len(ok), 1)
                self.assertGreaterEqual(len(busy), 1)
                for retry, body in busy:
                    self.assertEqual(retry, "1")
                    self.assertEqual(body["error"]["code"], "busy")
                for body in ok:  # the slow rule's error is reported, the others' findings kept
                    f = body["files"][0]
                    self.assertEqual([e["rule"] for e in f["rule_errors"]], ["house.slow"])
                    self.assertIn("percent.recompute", [x["rule"] for x in f["findings"]])
            finally:
                self.assertEqual(s.close(), 0)
        finally:
            shutil.rmtree(rules)


class Reload(unittest.TestCase):
    def test_rule_folder_changes_are_picked_up(self):
        rules = tempfile.mkdtemp()
        s = Server("--quiet", "--rules", rules)
        try:
            text = "The mayor said the plan was very unique.\n"
            self.assertEqual(s.json("POST", "/v1/check", {"text": text})[2]["files"][0]["findings"], [])
            with open(os.path.join(rules, "unique.yaml"), "w") as f:
                f.write("id: house.unique\nkind: pattern\nseverity: warning\n"
                        "pattern: '(?i)very unique'\n"
                        "message: {en: 'Unique needs no very', zh: '不必说“非常独特”'}\n")

            def wait_for(pred):
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    status, _, body = s.json("GET", "/v1/rules")
                    if pred(body):
                        return body
                    time.sleep(0.1)
                self.fail("server did not reload the rules: %r" % body)

            wait_for(lambda b: "house.unique" in [r["id"] for r in b["rules"]])
            found = s.json("POST", "/v1/check", {"text": text})[2]["files"][0]["findings"]
            self.assertEqual([(f["rule"], f["message"]) for f in found],
                             [("house.unique", "Unique needs no very")])
            # A broken edit: reported with file and line, the shipped rules still run.
            with open(os.path.join(rules, "unique.yaml"), "w") as f:
                f.write("id: house.unique\nkind: pattern\npattern: '(unclosed'\nmessage: x\n")
            body = wait_for(lambda b: b["errors"] != [])
            self.assertEqual(len(body["errors"]), 1)
            self.assertTrue(body["errors"][0]["file"].endswith("unique.yaml"))
            self.assertEqual(body["errors"][0]["line"], 3)
            status, _, body = s.json("POST", "/v1/check", {"text": sample("zh-lines.txt")})
            f = body["files"][0]
            self.assertEqual([x["rule"] for x in f["findings"]],
                             ["count.sum-mismatch", "date.invalid"])
            self.assertEqual(len(f["rule_errors"]), 1)
        finally:
            self.assertEqual(s.close(), 0)
            shutil.rmtree(rules)


class Cors(unittest.TestCase):
    def test_allowed_origin_only(self):
        s = Server("--quiet", "--allow-origin", "https://cms.example")
        try:
            status, hdrs, _ = s.request("OPTIONS", "/v1/check", headers={
                "Origin": "https://cms.example", "Access-Control-Request-Method": "POST"})
            self.assertEqual(status, 204)
            self.assertEqual(hdrs["Access-Control-Allow-Origin"], "https://cms.example")
            self.assertIn("POST", hdrs["Access-Control-Allow-Methods"])
            status, hdrs, _ = s.request("POST", "/v1/check", {"text": "a"},
                                        {"Origin": "https://cms.example"})
            self.assertEqual(hdrs["Access-Control-Allow-Origin"], "https://cms.example")
            _, hdrs, _ = s.request("POST", "/v1/check", {"text": "a"}, {"Origin": "https://evil.example"})
            self.assertNotIn("Access-Control-Allow-Origin", hdrs)
        finally:
            self.assertEqual(s.close(), 0)

    def test_no_cors_by_default(self):
        s = Server("--quiet")
        try:
            _, hdrs, _ = s.request("POST", "/v1/check", {"text": "a"}, {"Origin": "https://cms.example"})
            self.assertNotIn("Access-Control-Allow-Origin", hdrs)
        finally:
            self.assertEqual(s.close(), 0)


class Startup(unittest.TestCase):
    def test_port_in_use_and_bad_config(self):
        s = Server("--quiet")
        try:
            p = subprocess.run([TALLY, "serve", "--port", str(s.port)], capture_output=True,
                               text=True, timeout=10)
            self.assertEqual(p.returncode, 2)
            self.assertIn("cannot listen on 127.0.0.1:%d" % s.port, p.stderr)
        finally:
            self.assertEqual(s.close(), 0)
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, ".tally.yml"), "w") as f:
                f.write("disable: [a\n")
            p = subprocess.run([TALLY, "serve", "--port", "0"], cwd=d, capture_output=True,
                               text=True, timeout=10)
            self.assertEqual(p.returncode, 2)
            self.assertRegex(p.stderr, r"\.tally\.yml:\d+:\d+: ")

    def test_access_log_and_sigterm(self):
        s = Server()
        s.json("POST", "/v1/check", {"text": "a"})
        s.proc.send_signal(signal.SIGTERM)
        _, err = s.proc.communicate(timeout=10)
        self.assertEqual(s.proc.returncode, 0)
        self.assertIn("POST /v1/check 200 ", err)
        self.assertTrue(err.endswith("tally serve: stopped\n"), err)


class Triage(unittest.TestCase):
    """What the page's triage stands on (docs/http.md): findings worded in the interface's
    language, POST /v1/fix with the CLI's fix engine, POST /v1/ignore writing a baseline entry
    that `tally check --baseline` honours."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cls.server = Server("--quiet", "--baseline", ".tally-ignore", cwd=cls.dir)

    @classmethod
    def tearDownClass(cls):
        assert cls.server.close() == 0
        shutil.rmtree(cls.dir)

    def check(self, text, **fields):
        status, _, body = self.server.json("POST", "/v1/check", {"text": text, **fields})
        self.assertEqual(status, 200, body)
        return body

    def test_messages_in_either_language(self):
        text = sample("zh-page-wrapped.txt")
        zh = self.check(text)["files"][0]["findings"]
        en = self.check(text, messages="en")["files"][0]["findings"]
        self.assertEqual(self.check(text, messages="zh")["files"][0]["findings"], zh)
        # The same findings, worded in English: the draft is still read as Chinese.
        self.assertEqual([(f["rule"], f["span"], f["fix"]) for f in en],
                         [(f["rule"], f["span"], f["fix"]) for f in zh])
        rate = [f for f in en if f["rule"] == "percent.recompute"][0]
        self.assertEqual(rate["message"],
                         "Rate does not match its figures: 298 / 899 = 33.1%, the text says 32%")
        self.assertEqual([r["label"] for r in rate["related"]], ["part", "whole"])
        zh_rate = [f for f in zh if f["rule"] == "percent.recompute"][0]
        self.assertEqual(zh_rate["message"], "比率与数据不符：298÷899 = 33.1%，文中为 32%")
        self.assertEqual([r["label"] for r in zh_rate["related"]], ["分子", "分母"])
        status, _, body = self.server.json("POST", "/v1/check", {"text": text, "messages": "fr"})
        self.assertEqual((status, body["error"]["message"]), (400, "'messages' must be \"zh\" or \"en\""))

    def test_fix_is_what_the_cli_writes(self):
        for name in ["zh-page-wrapped.txt", "zh-draft.md", "en-draft.md"]:
            copy = os.path.join(self.dir, name)
            shutil.copy(os.path.join(ROOT, "samples", name), copy)
            subprocess.run([TALLY, "check", "--fix", name], cwd=self.dir, capture_output=True)
            with open(copy, encoding="utf-8") as f:
                want = f.read()
            status, _, body = self.server.json("POST", "/v1/fix",
                                               {"text": sample(name), "filename": name, "id": 7})
            self.assertEqual(status, 200, body)
            self.assertEqual(body["text"], want, name)
            self.assertEqual(body["id"], 7)
            self.assertTrue(body["settled"])
            # The edits, applied to the text sent (from the end), make the same text.
            text = sample(name).encode()
            for e in sorted(body["edits"], key=lambda e: -e["span"]["start"]["offset"]):
                text = (text[:e["span"]["start"]["offset"]] + e["replacement"].encode() +
                        text[e["span"]["end"]["offset"]:])
            self.assertEqual(text.decode(), want, name)
        # One rule's fixes only.
        status, _, body = self.server.json("POST", "/v1/fix", {
            "text": sample("zh-page-wrapped.txt"), "fix_rules": ["artifact.spaced-chars"]})
        self.assertEqual((status, body["fixes"], body["passes"]), (200, 1, 1))
        self.assertEqual([e["replacement"] for e in body["edits"]], ["以案例分享的形式"])
        self.assertIn("防范校园欺凌欺凌的的知识知识", body["text"])
        status, _, body = self.server.json("POST", "/v1/fix", {"text": "x", "fix_rules": ["artifact.spaced"]})
        self.assertEqual((status, body["error"]["message"]), (400, "'fix_rules': no rule 'artifact.spaced'"))
        status, _, body = self.server.json("POST", "/v1/fix", {"txt": "x"})
        self.assertEqual(status, 400)
        self.assertIn("unknown field 'txt'", body["error"]["message"])
        status, _, body = self.server.json("POST", "/v1/fix", "{", {"Content-Type": "text/plain"})
        self.assertEqual((status, body["error"]["code"]), (415, "unsupported_media_type"))

    def test_fix_leaves_what_ignore_recorded(self):
        # Two half-width commas; Ignore records the first: /v1/fix fixes only the second. (A
        # server of its own: the class's list is compared whole by another test.)
        text = "会议指出，要抓好落实,确保实效。\n\n大家对“回头看”,确认了整改成效。\n"
        with tempfile.TemporaryDirectory() as d:
            server = Server("--quiet", "--baseline", "known.json", cwd=d)
            try:
                status, _, out = server.json("POST", "/v1/check", {"text": text, "filename": "slips.txt"})
                found = out["files"][0]["findings"]
                self.assertEqual([f["rule"] for f in found], ["punct.halfwidth-in-cjk"] * 2)
                status, _, body = server.json("POST", "/v1/ignore", {
                    "text": text, "filename": "slips.txt",
                    "finding": {"rule": "punct.halfwidth-in-cjk",
                                "offset": found[0]["span"]["start"]["offset"]}})
                self.assertEqual(status, 200, body)
                status, _, body = server.json("POST", "/v1/fix", {"text": text, "filename": "slips.txt"})
                self.assertEqual(status, 200, body)
                self.assertEqual(body["text"],
                                 "会议指出，要抓好落实,确保实效。\n\n大家对“回头看”，确认了整改成效。\n")
                self.assertEqual((body["fixes"], body["passes"]), (1, 1))
                # Another file name is not in the list: both are fixed.
                status, _, body = server.json("POST", "/v1/fix", {"text": text, "filename": "other.txt"})
                self.assertEqual((status, body["fixes"]), (200, 2))
            finally:
                self.assertEqual(server.close(), 0)

    def test_ignore_writes_a_baseline_entry_the_cli_honours(self):
        text = sample("zh-page-wrapped.txt")
        with open(os.path.join(self.dir, "page.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        cli = lambda *args: json.loads(subprocess.run(
            [TALLY, "check", "--format", "json", *args, "page.txt"], cwd=self.dir,
            capture_output=True, text=True).stdout)
        found = self.check(text, filename="page.txt")["files"][0]["findings"]
        count = [f for f in found if f["rule"] == "count.enumeration"][0]
        status, _, body = self.server.json("POST", "/v1/ignore", {
            "text": text, "filename": "page.txt",
            "finding": {"rule": "count.enumeration", "offset": count["span"]["start"]["offset"]}})
        self.assertEqual(status, 200, body)
        entry = {"path": "page.txt", "rule": "count.enumeration", "text": "三地",
                 "line": "该院在城区、郊区、园区、新区三地设立巡回", "count": 1}
        self.assertEqual(body, {"baseline": ".tally-ignore", "ignored": entry})
        with open(os.path.join(self.dir, ".tally-ignore"), encoding="utf-8") as f:
            self.assertEqual(json.load(f), {"version": 1, "findings": [entry]})
        # Left out of the server's checks, of `tally check --baseline` and of a plain check, which
        # reads the .tally-ignore of the file's folder; not with --no-tally-ignore.
        after = self.check(text, filename="page.txt")
        self.assertEqual([f["rule"] for f in after["files"][0]["findings"]],
                         [f["rule"] for f in found if f["rule"] != "count.enumeration"])
        self.assertEqual(after["summary"]["baseline"], 1)
        self.assertEqual(len([f for f in cli("--no-tally-ignore")["files"][0]["findings"]
                              if f["rule"] == "count.enumeration"]), 1)
        self.assertEqual(cli()["files"][0]["findings"], cli("--baseline", ".tally-ignore")["files"][0]["findings"])
        self.assertEqual(cli()["summary"]["baseline"], 1)
        known = cli("--baseline", ".tally-ignore")
        self.assertEqual([f["rule"] for f in known["files"][0]["findings"]],
                         [f["rule"] for f in found if f["rule"] != "count.enumeration"])
        self.assertEqual(known["summary"]["baseline"], 1)
        # No such finding; no baseline on a server started without one.
        status, _, body = self.server.json("POST", "/v1/ignore", {
            "text": text, "filename": "page.txt", "finding": {"rule": "count.enumeration", "offset": 1}})
        self.assertEqual((status, body["error"]["message"]),
                         (400, "no finding of [count.enumeration] starts at byte 1 of this text"))
        status, _, body = self.server.json("POST", "/v1/ignore", {"text": text, "filename": "page.txt"})
        self.assertEqual(status, 400)
        os.remove(os.path.join(self.dir, ".tally-ignore"))
        plain = Server("--quiet", "--no-tally-ignore")
        try:
            status, _, body = plain.json("POST", "/v1/ignore", {
                "text": text, "finding": {"rule": "count.enumeration", "offset": 0}})
            self.assertEqual((status, body["error"]["code"]), (409, "no_baseline"))
        finally:
            self.assertEqual(plain.close(), 0)


class PagesAfterBaseline(unittest.TestCase):
    """pages=html draws only the pages that still hold a finding once the baseline's are left
    out, from the upload's temporary file, which is removed after every request (an error
    too); its labels are in the page's language when the request names none."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.uploads = os.path.join(self.dir, "uploads")  # the server's TMPDIR
        os.mkdir(self.uploads)
        self.pdf_path = os.path.join(self.dir, "page.pdf")
        shutil.copy(os.path.join(ROOT, "tests/e2e/samples/page.pdf"), self.pdf_path)
        with open(self.pdf_path, "rb") as f:
            self.pdf = f.read()
        # Every finding of the page, as the CLI records them (the server's are the same).
        subprocess.run([TALLY, "check", "--no-tally-ignore", "--write-baseline", "all.json",
                        "page.pdf"], cwd=self.dir, capture_output=True, check=True)
        with open(os.path.join(self.dir, "all.json"), encoding="utf-8") as f:
            self.entries = json.load(f)["findings"]
        self.assertEqual(sorted(e["rule"] for e in self.entries),
                         ["count.enumeration", "growth.recompute", "quote.unbalanced"])
        self.server = Server("--quiet", "--baseline", "known.json", cwd=self.dir,
                             env={"TMPDIR": self.uploads})

    def tearDown(self):
        self.assertEqual(self.server.close(), 0)
        shutil.rmtree(self.dir)

    def know(self, rules):
        with open(os.path.join(self.dir, "known.json"), "w", encoding="utf-8") as f:
            json.dump({"version": 1, "findings": [e for e in self.entries if e["rule"] in rules]}, f)

    def draw(self, pdf=None, query=""):
        status, _, body = self.server.json("POST", "/v1/check?filename=page.pdf&pages=html" + query,
                                           pdf or self.pdf, {"Content-Type": "application/pdf"})
        self.assertEqual(os.listdir(self.uploads), [])  # the upload's file is gone
        return status, body

    def pages(self, body):
        html = body["files"][0]["pages_html"]
        return (re.findall(r'<figure class="pdfpage" data-page="(\d+)"', html),
                re.findall(r'<a class="box (\w+)( rel)?"[^>]* data-f="(f1-\d)"', html),
                re.findall(r"<figcaption>(.*?)</figcaption>", html))

    def test_only_pages_with_findings_left_are_drawn(self):
        status, body = self.draw()  # no known.json yet: nothing left out
        self.assertEqual(status, 200, body)
        self.assertEqual(self.pages(body)[0], ["1", "2"])
        # Page 2's only finding is known: page 2 is not drawn.
        self.know({"quote.unbalanced"})
        status, body = self.draw()
        self.assertEqual(status, 200, body)
        self.assertEqual([f["rule"] for f in body["files"][0]["findings"]],
                         ["count.enumeration", "growth.recompute"])
        self.assertEqual(body["summary"]["baseline"], 1)
        self.assertEqual(self.pages(body), (["1"], [("error", " rel", "f1-1"), ("error", "", "f1-1"),
                                                    ("info", "", "f1-2")], ["PDF page 1"]))
        # Page 1's are known: only page 2.
        self.know({"count.enumeration", "growth.recompute"})
        _, body = self.draw()
        self.assertEqual(self.pages(body), (["2"], [("warning", "", "f1-1")], ["PDF page 2"]))
        # All known: no page at all.
        self.know({"count.enumeration", "growth.recompute", "quote.unbalanced"})
        _, body = self.draw()
        self.assertEqual((body["files"][0]["findings"], body["files"][0]["pages_html"]), ([], ""))
        self.assertEqual(body["summary"]["baseline"], 3)

    def test_the_upload_is_removed_on_errors_too(self):
        with open(os.path.join(self.dir, "known.json"), "w", encoding="utf-8") as f:
            f.write("{not json")
        status, body = self.draw()
        self.assertEqual((status, body["error"]["code"]), (500, "bad_baseline"))
        status, body = self.draw(b"%PDF-1.7\nno objects\n")
        self.assertEqual((status, body["error"]["code"]), (422, "bad_pdf"))

    def test_labels_follow_the_page_language(self):
        with open(os.path.join(ROOT, "tests/e2e/samples/zh-page.pdf"), "rb") as f:
            zh = f.read()
        status, body = self.draw(zh)
        self.assertEqual(status, 200, body)
        self.assertEqual([(f["rule"], f["message"]) for f in body["files"][0]["findings"]],
                         [("count.enumeration", "数量不符：“三地”，但列举了 4 项"),
                          ("date.invalid", "日期不存在：2026年2月30日")])
        self.assertEqual(self.pages(body)[2], ["PDF 第 1 页"])
        _, body = self.draw(zh, "&messages=en")
        self.assertEqual(self.pages(body)[2], ["PDF page 1"])
        self.assertEqual(body["files"][0]["findings"][0]["message"],
                         'Count does not match: "三地", but 4 items are listed')


class IgnoreFile(unittest.TestCase):
    """A server started in a folder with no flags keeps its Ignore list in the `.tally-ignore`
    that applies there (or a new one), which plain `tally check` reads (docs/http.md)."""

    def setUp(self):
        self.top = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.top)
        self.repo = os.path.join(self.top, "news")
        self.desk = os.path.join(self.repo, "desk")
        os.makedirs(os.path.join(self.repo, ".git"))  # the search ends at the repository's root
        os.makedirs(self.desk)
        with open(os.path.join(self.desk, "page.txt"), "w", encoding="utf-8") as f:
            f.write(sample("zh-page-wrapped.txt"))

    def rules(self, *args, cwd=None):
        out = json.loads(subprocess.run([TALLY, "check", "--format", "json", *args], cwd=cwd or self.desk,
                                        capture_output=True, text=True).stdout)
        return [f["rule"] for f in out["files"][0]["findings"]], out["summary"]["baseline"]

    def ignore(self, server, rule):
        text = sample("zh-page-wrapped.txt")
        status, _, found = server.json("POST", "/v1/check", {"text": text, "filename": "page.txt"})
        f = [x for x in found["files"][0]["findings"] if x["rule"] == rule][0]
        status, _, body = server.json("POST", "/v1/ignore", {
            "text": text, "filename": "page.txt",
            "finding": {"rule": rule, "offset": f["span"]["start"]["offset"]}})
        self.assertEqual(status, 200, body)
        return body

    def test_ignore_writes_the_nearest_list_plain_check_reads(self):
        before, known = self.rules("page.txt")
        self.assertEqual(known, 0)
        self.assertIn("count.enumeration", before)
        # A list above the repository is never read.
        with open(os.path.join(self.top, ".tally-ignore"), "w", encoding="utf-8") as f:
            f.write("not json")
        self.assertEqual(self.rules("page.txt"), (before, 0))
        # No list in the repository: the server makes one in its folder.
        server = Server("--quiet", cwd=self.desk)
        try:
            self.assertEqual(server.json("GET", "/healthz")[2]["baseline"], ".tally-ignore")
            self.assertEqual(self.ignore(server, "count.enumeration")["ignored"]["path"], "page.txt")
        finally:
            self.assertEqual(server.close(), 0)
        self.assertEqual(sorted(os.listdir(self.desk)), [".tally-ignore", "page.txt"])  # no temporary left
        after = [r for r in before if r != "count.enumeration"]
        self.assertEqual(before.count("count.enumeration"), 1)
        self.assertEqual(self.rules("page.txt"), (after, 1))
        self.assertEqual(self.rules("desk/page.txt", cwd=self.repo), (after, 1))
        self.assertEqual(self.rules("--no-tally-ignore", "page.txt"), (before, 0))
        # --baseline FILE is read instead of the list.
        empty = os.path.join(self.top, "empty.json")
        with open(empty, "w", encoding="utf-8") as f:
            f.write('{"version": 1, "findings": []}')
        self.assertEqual(self.rules("--baseline", empty, "page.txt"), (before, 0))
        # The list moved to the repository's root (paths from there): a server in the desk finds
        # it above, and adds to it.
        with open(os.path.join(self.desk, ".tally-ignore"), encoding="utf-8") as f:
            moved = json.load(f)
        moved["findings"][0]["path"] = "desk/page.txt"
        with open(os.path.join(self.repo, ".tally-ignore"), "w", encoding="utf-8") as f:
            json.dump(moved, f, ensure_ascii=False)
        os.remove(os.path.join(self.desk, ".tally-ignore"))
        self.assertEqual(self.rules("page.txt"), (after, 1))
        server = Server("--quiet", cwd=self.desk)
        try:
            self.assertEqual(server.json("GET", "/healthz")[2]["baseline"], "../.tally-ignore")
            body = self.ignore(server, "percent.recompute")
            self.assertEqual((body["baseline"], body["ignored"]["path"]), ("../.tally-ignore", "desk/page.txt"))
        finally:
            self.assertEqual(server.close(), 0)
        self.assertEqual(self.rules("page.txt"),
                         ([r for r in after if r != "percent.recompute"], 2))
        # A list anyone may write (planted, or changed by another user) is not read.
        os.chmod(os.path.join(self.repo, ".tally-ignore"), 0o666)
        self.assertEqual(self.rules("page.txt"), (before, 0))
        os.chmod(os.path.join(self.repo, ".tally-ignore"), 0o644)
        self.assertEqual(self.rules("page.txt"),
                         ([r for r in after if r != "percent.recompute"], 2))
        # A list that does not parse: said once, exit 2, the findings all reported.
        with open(os.path.join(self.repo, ".tally-ignore"), "w", encoding="utf-8") as f:
            f.write("{")
        p = subprocess.run([TALLY, "check", "--format", "json", "page.txt"], cwd=self.desk,
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.count(".tally-ignore"), 1, p.stderr)
        self.assertTrue(p.stderr.startswith("tally: " + os.path.join(self.repo, ".tally-ignore") + ": "), p.stderr)
        self.assertEqual([f["rule"] for f in json.loads(p.stdout)["files"][0]["findings"]], before)
        # Without a list, --no-tally-ignore: no Ignore on the page.
        server = Server("--quiet", "--no-tally-ignore", cwd=self.desk)
        try:
            self.assertIsNone(server.json("GET", "/healthz")[2]["baseline"])
        finally:
            self.assertEqual(server.close(), 0)


# Two pages giving one figure differently (as tests/e2e/edition_test.py's): one edition finding.
ED_PAGE1 = "城市书房\n\n包头市今年新建城市书房120个，覆盖全部旗县区。\n"
ED_PAGE2 = "书房建设\n\n包头市今年新建城市书房210个，覆盖全部旗县区。\n"


class Edition(unittest.TestCase):
    """POST /v1/edition: several pages as one edition, as `tally check --edition` checks them."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server("--quiet")

    @classmethod
    def tearDownClass(cls):
        assert cls.server.close() == 0

    def test_finding_names_both_pages(self):
        status, _, body = self.server.json("POST", "/v1/edition", {"pages": [
            {"name": "p1.txt", "text": ED_PAGE1}, {"name": "p2.txt", "text": ED_PAGE2}]})
        self.assertEqual(status, 200, body)
        jsonschema.validate(body, CHECK_SCHEMA)
        self.assertEqual([f["path"] for f in body["files"]], ["p1.txt", "p2.txt"])
        found = [(f["path"], x) for f in body["files"] for x in f["findings"]
                 if x["rule"].startswith("edition.")]
        self.assertEqual(len(found), 1, found)
        path, f = found[0]
        self.assertEqual(path, "p2.txt")
        self.assertEqual(f["rule"], "edition.figure-conflict")
        self.assertEqual(f["message"],
                         "各版数据不一：“包头市今年新建城市书房”此处为 210个，第1版（p1.txt）为 120个")
        span = {"start": {"offset": 47, "line": 3, "column": 12, "utf16": 11},
                "end": {"offset": 53, "line": 3, "column": 16, "utf16": 15}}
        self.assertEqual(f["span"], span)
        self.assertEqual(f["related"], [{"file": "p1.txt", "label": "第1版", "span": span}])
        self.assertEqual(body["summary"]["files"], 2)
        self.assertEqual(body["summary"]["by_rule"].get("edition.figure-conflict"), 1)
        # The same pages checked one by one: no edition finding.
        status, _, one = self.server.json("POST", "/v1/check", {"text": ED_PAGE2, "filename": "p2.txt"})
        self.assertEqual([x for x in one["files"][0]["findings"] if x["rule"].startswith("edition.")], [])

    def test_messages_in_either_language(self):
        """`messages` words the edition findings and their labels as /v1/check words a page's."""
        pages = [{"name": "p1.txt", "text": ED_PAGE1}, {"name": "p2.txt", "text": ED_PAGE2}]

        def edition(**fields):
            status, _, body = self.server.json("POST", "/v1/edition", {"pages": pages, **fields})
            self.assertEqual(status, 200, body)
            return [x for x in body["files"][1]["findings"] if x["rule"] == "edition.figure-conflict"]
        en, zh, plain = edition(messages="en"), edition(messages="zh"), edition()
        self.assertEqual(zh, plain)  # a Chinese page: its own language is Chinese
        self.assertEqual(len(en), 1, en)
        self.assertEqual(en[0]["message"], "Figures differ across the edition: "
                         "\"包头市今年新建城市书房\" 210个 here, 120个 on page 1 (p1.txt)")
        self.assertEqual([(r["file"], r["label"]) for r in en[0]["related"]], [("p1.txt", "page 1")])
        self.assertEqual([(r["file"], r["label"]) for r in zh[0]["related"]], [("p1.txt", "第1版")])
        self.assertEqual((en[0]["span"], en[0]["related"][0]["span"]),
                         (zh[0]["span"], zh[0]["related"][0]["span"]))
        # The pages' own findings follow it too, as /v1/check's do.
        status, _, one = self.server.json("POST", "/v1/check",
                                          {"text": ED_PAGE2, "filename": "p2.txt", "messages": "en"})
        status, _, body = self.server.json("POST", "/v1/edition", {"pages": pages, "messages": "en"})
        self.assertEqual([x for x in body["files"][1]["findings"] if not x["rule"].startswith("edition.")],
                         one["files"][0]["findings"])
        status, _, body = self.server.json("POST", "/v1/edition", {"pages": pages, "messages": "fr"})
        self.assertEqual((status, body["error"]["message"]),
                         (400, "pages[0]: 'messages' must be \"zh\" or \"en\""))

    def test_bad_requests(self):
        for body, part in [({}, "'pages' is required"), ({"pages": []}, "'pages' is required"),
                           ({"pages": [{"text": "x"}]}, "pages[0] must be"),
                           ({"pages": [{"name": "a", "text": "x"}, {"name": "a", "text": "y"}]},
                            "pages[1]: the name 'a' is given twice"),
                           ({"pages": [{"name": "a", "text": 3}]}, "pages[0]: "),
                           ({"pages": [{"name": "a", "text": "x"}], "txt": 1}, "unknown field 'txt'")]:
            status, _, reply = self.server.json("POST", "/v1/edition", body)
            self.assertEqual(status, 400, (body, reply))
            self.assertEqual(reply["error"]["code"], "bad_request")
            self.assertIn(part, reply["error"]["message"])
        status, _, reply = self.server.json("GET", "/v1/edition")
        self.assertEqual(status, 405)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
