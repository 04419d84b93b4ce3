"""`tally serve` limits a hostile client cannot get around (issue 23, item 3), over loopback:
the body limit on chunked and on gzip/deflate bodies, the deadline for the request line and
headers while slow clients hold sockets, the per-address connection cap, the listen queue, the
Host allow-list (421) and JSON-only POST /v1/check (415). Each test fails on main at c8320eb.
Usage: http_limits_test.py TALLY"""
import gzip
import http.client
import json
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
import zlib

TALLY = sys.argv[1]
TEXT = "该院在城区、郊区、园区、新区三地设立巡回审判点。"


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen([TALLY, "serve", "--port", "0", "--quiet", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        banner = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        if not m:
            self.proc.kill()
            raise AssertionError("no listening line: %r %r" % (banner, self.proc.stderr.read()))
        self.port = int(m.group(1))

    def request(self, method, path, body=b"", headers=None, source="127.0.0.1", timeout=10):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                          source_address=(source, 0))
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        data = res.read()
        conn.close()
        return res.status, json.loads(data) if data else None

    def check(self, body, headers=None):
        return self.request("POST", "/v1/check", body,
                            {"Content-Type": "application/json", **(headers or {})})

    def raw(self, data, timeout=10):
        """Sends `data` on a fresh socket, returns (status, JSON body) of the reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(data)
            return read_reply(sock)

    def close(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=20)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()
        return code


def read_reply(sock, rest=None):
    """One reply from `sock`; bytes after it are kept in the bytearray `rest` when given."""
    data = bytes(rest or b"")
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"Content-Length: (\d+)", head)
    while m and len(body) < int(m.group(1)):
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    if m:
        body, extra = body[:int(m.group(1))], body[int(m.group(1)):]
        if rest is not None:
            rest[:] = extra
    status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/1.1 ") else None
    return status, json.loads(body) if body else None


def send_until_reply(port, head, pieces):
    """Sends `head`, then the body `pieces` one by one, stopping as soon as the server replies
    (as a client should when a reply comes early). Returns (status, body, bytes of body sent)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(head)
        sent = 0
        for piece in pieces:
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(piece)
        status, body = read_reply(sock)
        return status, body, sent


def chunked(data, size=65536):
    for i in range(0, len(data), size):
        part = data[i:i + size]
        yield b"%x\r\n" % len(part) + part + b"\r\n"
    yield b"0\r\n\r\n"


def findings(reply):
    return [(f["rule"], f["span"]["start"]["offset"]) for f in reply["files"][0]["findings"]]


class BodyLimit(unittest.TestCase):
    LIMIT = 1 << 20

    @classmethod
    def setUpClass(cls):
        cls.server = Server("--max-bytes", str(cls.LIMIT))
        cls.want = findings(cls.server.check(json.dumps({"text": TEXT}).encode())[1])

    @classmethod
    def tearDownClass(cls):
        assert cls.server.close() == 0

    def post_head(self, *fields):
        return ("POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\n" + "".join(f + "\r\n" for f in fields) +
                "\r\n").encode()

    def test_chunked_body_within_the_limit_is_checked(self):
        body = json.dumps({"text": TEXT}, ensure_ascii=False).encode()
        data = self.post_head("Transfer-Encoding: chunked") + b"".join(chunked(body, 7))
        status, reply = self.server.raw(data)
        self.assertEqual(status, 200, reply)
        self.assertEqual(findings(reply), self.want)
        self.assertTrue(self.want)

    def test_chunked_body_past_the_limit_gets_413_early(self):
        # 64 MiB announced in 64 KiB chunks; the server must stop reading near 1 MiB.
        body = b'{"text": "' + b"a" * (64 << 20) + b'"}'
        status, reply, sent = send_until_reply(
            self.server.port, self.post_head("Transfer-Encoding: chunked"), chunked(body))
        self.assertEqual(status, 413, reply)
        self.assertEqual(reply["error"]["code"], "too_large")
        self.assertIn("larger than %d bytes" % self.LIMIT, reply["error"]["message"])
        self.assertLess(sent, 16 << 20)
        # One chunk announcing more than the limit is refused before its bytes are read.
        status, reply = self.server.raw(self.post_head("Transfer-Encoding: chunked") +
                                        b"%x\r\n" % (self.LIMIT + 1) + b"a" * 100)
        self.assertEqual(status, 413, reply)

    def test_gzip_and_deflate_bodies_within_the_limit_are_checked(self):
        body = json.dumps({"text": TEXT}, ensure_ascii=False).encode()
        for coding, data in [("gzip", gzip.compress(body)), ("deflate", zlib.compress(body)),
                             ("deflate", zlib.compress(body)[2:-4])]:  # raw deflate too
            status, reply = self.server.check(data, {"Content-Encoding": coding})
            self.assertEqual(status, 200, (coding, reply))
            self.assertEqual(findings(reply), self.want, coding)
        status, reply = self.server.raw(self.post_head("Transfer-Encoding: chunked",
                                                       "Content-Encoding: gzip") +
                                        b"".join(chunked(gzip.compress(body), 5)))
        self.assertEqual((status, findings(reply)), (200, self.want))

    def test_gzip_body_inflating_past_the_limit_gets_413(self):
        bomb = gzip.compress(b'{"text": "' + b"a" * (64 << 20) + b'"}', 9)  # ~64 KB
        self.assertLess(len(bomb), self.LIMIT)
        for coding, data in [("gzip", bomb), ("deflate", zlib.compress(b" " * (64 << 20), 9))]:
            status, reply = self.server.check(data, {"Content-Encoding": coding})
            self.assertEqual(status, 413, (coding, reply))
            self.assertEqual(reply["error"]["code"], "too_large")
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)

    def test_bad_framing_is_refused(self):
        status, reply = self.server.check(b"not gzip at all", {"Content-Encoding": "gzip"})
        self.assertEqual((status, reply["error"]["code"]), (400, "bad_request"))
        status, reply = self.server.check(b"{}", {"Content-Encoding": "br"})
        self.assertEqual((status, reply["error"]["code"]), (415, "unsupported_encoding"))
        status, reply = self.server.raw(self.post_head("Transfer-Encoding: chunked",
                                                       "Content-Length: 5") + b"0\r\n\r\n")
        self.assertEqual(status, 400, reply)
        self.assertIn("both Transfer-Encoding and Content-Length", reply["error"]["message"])
        status, reply = self.server.raw(self.post_head("Transfer-Encoding: chunked") +
                                        b"zz\r\n")
        self.assertEqual(status, 400, reply)
        status, reply = self.server.raw(self.post_head("Content-Length: 2",
                                                       "Content-Length: 3") + b"{}")
        self.assertEqual(status, 400, reply)
        status, reply = self.server.raw(b"GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n")
        self.assertEqual(status, 400, reply)

    def test_empty_lines_before_a_request_count_against_the_head_limit(self):
        # RFC 9112 allows CRLFs before a request line; a client sending only those is refused
        # once they pass the head's 64 KiB, instead of being read for ever.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as sock:
            try:
                sock.sendall(b"\r\n" * 40000)
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused before the client was done sending
            status, reply = read_reply(sock)
        self.assertEqual((status, reply["error"]["code"]), (431, "headers_too_large"))
        status, _ = self.server.raw(b"\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.assertEqual(status, 200)

    def test_expect_continue_and_pipelining(self):
        body = json.dumps({"text": TEXT}, ensure_ascii=False).encode()
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as sock:
            sock.sendall(self.post_head("Content-Length: %d" % len(body), "Expect: 100-continue"))
            self.assertTrue(sock.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n"))
            sock.sendall(body)
            status, reply = read_reply(sock)
            self.assertEqual((status, findings(reply)), (200, self.want))
            # Expect: 100-continue with a body past the limit: 413 without sending it.
            sock.sendall(self.post_head("Content-Length: %d" % (self.LIMIT + 1),
                                        "Expect: 100-continue"))
            self.assertEqual(read_reply(sock)[0], 413)
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as sock:
            one = self.post_head("Content-Length: %d" % len(body)) + body
            sock.sendall(one + b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            rest = bytearray()
            self.assertEqual(read_reply(sock, rest)[0], 200)
            status, reply = read_reply(sock, rest)
            self.assertEqual((status, reply["status"]), (200, "ok"))


class SlowClients(unittest.TestCase):
    def test_healthz_answers_while_slow_clients_dribble_headers(self):
        # More slow sockets than the old server had threads (38 on two cores), each sending a
        # header byte every 0.5 s; they are cut off after --header-timeout.
        s = Server("--header-timeout", "2")
        socks = []
        try:
            for _ in range(60):
                sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
                sock.sendall(b"GET /healthz HTTP/1.1\r\n")
                socks.append(sock)
            stop = threading.Event()

            def dribble():
                while not stop.wait(0.5):
                    for sock in socks:
                        try:
                            sock.send(b"X")
                        except OSError:
                            pass

            t = threading.Thread(target=dribble)
            t.start()
            try:
                time.sleep(0.5)
                started = time.monotonic()
                self.assertEqual(s.request("GET", "/healthz", timeout=3)[0], 200)
                self.assertLess(time.monotonic() - started, 1)
                # Past the deadline every slow socket has a 408 and is closed.
                time.sleep(2.5)
            finally:
                stop.set()
                t.join()
            for sock in socks:
                sock.settimeout(3)
                status, reply = read_reply(sock)
                self.assertEqual(status, 408, reply)
                self.assertIn("--header-timeout", reply["error"]["message"])
            self.assertEqual(s.request("GET", "/healthz")[0], 200)
        finally:
            for sock in socks:
                sock.close()
            self.assertEqual(s.close(), 0)

    def test_slow_heads_and_bodies_take_no_thread(self):
        # More slow sockets than the server has threads (--max-connections 8 here), from several
        # addresses, each under the per-address cap, half in their headers and half in a body
        # announced with Content-Length: they wait without a thread, so /healthz is still
        # answered at once.
        s = Server("--max-connections", "8", "--max-connections-per-address", "16")
        socks = []
        try:
            for i in range(40):
                sock = socket.create_connection(("127.0.0.1", s.port), timeout=10,
                                                source_address=("127.0.0.%d" % (2 + i % 4), 0))
                sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: localhost\r\n")
                if i % 2:
                    sock.sendall(b"Content-Type: application/json\r\n"
                                 b"Content-Length: 1000\r\n\r\n{")
                socks.append(sock)
            time.sleep(0.3)
            for _ in range(3):
                started = time.monotonic()
                self.assertEqual(s.request("GET", "/healthz", timeout=3)[0], 200)
                self.assertLess(time.monotonic() - started, 1)
            # A slow client that completes its request is served.
            body = json.dumps({"text": TEXT}).encode()
            socks[0].sendall(b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                             % len(body) + body)
            status, reply = read_reply(socks[0])
            self.assertEqual(status, 200, reply)
            self.assertTrue(reply["files"][0]["findings"])
        finally:
            for sock in socks:
                sock.close()
            self.assertEqual(s.close(), 0)

    def test_connections_per_address_are_capped(self):
        s = Server("--max-connections-per-address", "4")
        socks = []
        try:
            for _ in range(4):
                sock = socket.create_connection(("127.0.0.1", s.port), timeout=10,
                                                source_address=("127.0.0.2", 0))
                sock.sendall(b"GET /healthz HTTP/1.1\r\n")  # and nothing more
                socks.append(sock)
            time.sleep(0.3)
            with socket.create_connection(("127.0.0.1", s.port), timeout=5,
                                          source_address=("127.0.0.2", 0)) as sock:
                status, reply = read_reply(sock)
            self.assertEqual(status, 503, reply)
            self.assertEqual(reply["error"]["code"], "too_many_connections")
            # Another address is served meanwhile; once one socket goes, 127.0.0.2 is again.
            self.assertEqual(s.request("GET", "/healthz")[0], 200)
            socks.pop().close()
            time.sleep(0.3)
            self.assertEqual(s.request("GET", "/healthz", source="127.0.0.2")[0], 200)
        finally:
            for sock in socks:
                sock.close()
            self.assertEqual(s.close(), 0)

    def test_listen_queue_is_somaxconn(self):
        s = Server()
        try:
            out = subprocess.run(["ss", "-Hltn", "sport = :%d" % s.port], capture_output=True,
                                 text=True, check=True).stdout.split()
            with open("/proc/sys/net/core/somaxconn") as f:
                want = min(4096, int(f.read()))
            self.assertEqual(int(out[2]), want, out)  # Send-Q of a listening socket: its backlog
        finally:
            self.assertEqual(s.close(), 0)


class Host(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--allow-host", "Tally.Newsroom.example", "--allow-host", "cms")

    @classmethod
    def tearDownClass(cls):
        assert cls.server.close() == 0

    def test_only_this_servers_names(self):
        s, port = self.server, self.server.port
        body = json.dumps({"text": TEXT}).encode()
        for host in ["evil.example", "evil.example:%d" % port, "127.0.0.1.evil.example",
                     "localhost.evil.example", "tally.newsroom.example.evil"]:
            for method, path, data in [("GET", "/healthz", b""), ("GET", "/", b""),
                                       ("GET", "/v1/rules", b""), ("POST", "/v1/check", body)]:
                status, reply = s.request(method, path, data, {
                    "Host": host, "Content-Type": "application/json"})
                self.assertEqual(status, 421, (host, path))
                self.assertEqual(reply["error"]["code"], "misdirected")
            status, reply = s.request("POST", "/v2/check", "language=zh&text=x", {
                "Host": host, "Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 421, host)
        for host in ["localhost", "localhost:%d" % port, "LOCALHOST.", "127.0.0.1:%d" % port,
                     "[::1]:%d" % port, "tally.newsroom.example", "CMS:80"]:
            status, reply = s.request("POST", "/v1/check", body, {
                "Host": host, "Content-Type": "application/json"})
            self.assertEqual(status, 200, host)
        # HTTP/1.0 without Host is not a browser's request.
        status, reply = s.raw(b"GET /healthz HTTP/1.0\r\n\r\n")
        self.assertEqual(status, 200)

    def test_any_host_when_told(self):
        s = Server("--allow-host", "*")
        try:
            self.assertEqual(s.request("GET", "/healthz", headers={"Host": "x.example"})[0], 200)
        finally:
            self.assertEqual(s.close(), 0)

    def test_v1_check_takes_json_only(self):
        s = self.server
        body = json.dumps({"text": TEXT}).encode()
        for ctype in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                      None]:
            status, reply = s.request("POST", "/v1/check", body,
                                      {"Content-Type": ctype} if ctype else {})
            self.assertEqual(status, 415, ctype)
            self.assertEqual(reply["error"]["code"], "unsupported_media_type")
        for ctype in ["application/json", "Application/JSON; charset=utf-8"]:
            status, reply = s.request("POST", "/v1/check", body, {"Content-Type": ctype})
            self.assertEqual(status, 200, ctype)
            self.assertTrue(reply["files"][0]["findings"])
        # A PDF page is the other body it takes (also not a type a form can send): these bytes
        # are read as one, and are not a PDF.
        for ctype in ["application/pdf", "Application/PDF"]:
            status, reply = s.request("POST", "/v1/check", body, {"Content-Type": ctype})
            self.assertEqual((status, reply["error"]["code"]), (422, "bad_pdf"), ctype)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
