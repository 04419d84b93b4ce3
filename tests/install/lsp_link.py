"""Prints the rule link (codeDescription.href) of the first diagnostic `TALLY lsp` publishes for a
draft with one finding, or "-" when the diagnostic has none. Usage: lsp_link.py TALLY [DOCS_BASE]
(DOCS_BASE is sent as the docsBase initialization option)."""
import json
import signal
import subprocess
import sys

signal.alarm(20)  # a server that never answers fails the test instead of hanging it
p = subprocess.Popen([sys.argv[1], "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(msg):
    body = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()


def receive():
    n = 0
    while True:
        line = p.stdout.readline()
        if not line:
            sys.exit("lsp_link: the server closed its output")
        if not line.strip():
            return json.loads(p.stdout.read(n))
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])


init = {"docsBase": sys.argv[2]} if len(sys.argv) > 2 else {}
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}, "initializationOptions": init}})
while receive().get("id") != 1:
    pass
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": "file:///tmp/draft.txt", "languageId": "plaintext", "version": 1,
    "text": "共有三地检察机关参加：北京、上海、广州、深圳。\n"}}})
while True:
    m = receive()
    if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["diagnostics"]:
        d = m["params"]["diagnostics"][0]
        print(d.get("codeDescription", {}).get("href", "-"))
        break
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
while receive().get("id") != 2:
    pass
send({"jsonrpc": "2.0", "method": "exit"})
sys.exit(p.wait())
