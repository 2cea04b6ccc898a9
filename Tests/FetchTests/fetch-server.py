"""A file server on 127.0.0.1 for the fetch tests: serves a folder with Range support.

  python3 fetch-server.py ROOT PORT_FILE

Writes the port it listens on into PORT_FILE. A path under /drop-once/ is served from
ROOT without that prefix, but its first request breaks the connection after half the
body; /missing/... answers 404. Stops by itself after 120 seconds.

Under /melodi/ it plays recorded answers of INSEE's Melodi API, from ROOT/melodi:
/melodi/data/DS_X?GEO=DEP-62*COM&page=2… gets data/DS_X/DEP-62~COM/page-2.json (page 1
when none is asked), /melodi/range/DS_X gets range/DS_X.json. An answer's ANSWER.plan,
one word a line, says what its first requests get instead of it: 429 (with Retry-After:
1), 429-bare (without), truncate (the connection closed after half the announced body),
invalid (half the body, announced as whole: not JSON), 500; later requests get the
answer. A dataset without a folder gets the real API's 500. Every request is appended to
ROOT/melodi/requests.log.
"""
import http.server
import os
import socketserver
import sys
import threading
import urllib.parse

root, port_file = sys.argv[1], sys.argv[2]
dropped = set()
melodi_lock = threading.Lock()
melodi_asked = {}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def melodi(self):
        parts = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parts.query)
        base = os.path.join(root, "melodi")
        steps = parts.path.split("/")[2:]
        with melodi_lock:
            with open(os.path.join(base, "requests.log"), "a") as log:
                log.write(urllib.parse.unquote(self.path) + "\n")
        if len(steps) == 2 and steps[0] == "range":
            answer = os.path.join(base, "range", steps[1] + ".json")
        elif len(steps) == 2 and steps[0] == "data":
            if not os.path.isdir(os.path.join(base, "data", steps[1])):
                self.reply(500, b"Le serveur a rencontr\xc3\xa9 une erreur inattendue.", "text/plain;charset=UTF-8")
                return
            geo = query.get("GEO", [""])[0].replace("*", "~")
            page = query.get("page", ["1"])[0]
            answer = os.path.join(base, "data", steps[1], geo, "page-%s.json" % page)
        else:
            answer = ""
        if not os.path.isfile(answer):
            self.reply(404, b'{"message": "not recorded"}', "application/json")
            return
        with melodi_lock:
            asked = melodi_asked.get(answer, 0)
            melodi_asked[answer] = asked + 1
        plan = []
        if os.path.isfile(answer + ".plan"):
            with open(answer + ".plan") as f:
                plan = [line.strip() for line in f if line.strip()]
        step = plan[asked] if asked < len(plan) else "ok"
        with open(answer, "rb") as f:
            body = f.read()
        if step == "429":
            self.reply(429, b'{"message": "Too Many Requests"}', "application/json", {"Retry-After": "1"})
        elif step == "429-bare":
            self.reply(429, b'{"message": "Too Many Requests"}', "application/json")
        elif step == "500":
            self.reply(500, b"Le serveur a rencontr\xc3\xa9 une erreur inattendue.", "text/plain;charset=UTF-8")
        elif step == "invalid":
            self.reply(200, body[: len(body) // 2], "application/json")
        elif step == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)
            self.close_connection = True
        else:
            self.reply(200, body, "application/json")

    def reply(self, status, body, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/melodi/"):
            self.melodi()
            return
        drop = path.startswith("/drop-once/")
        if drop:
            path = path[len("/drop-once"):]
        if path.startswith("/missing/"):
            self.send_error(404)
            return
        full = os.path.realpath(os.path.join(root, path.lstrip("/")))
        if not full.startswith(os.path.realpath(root)) or not os.path.isfile(full):
            self.send_error(404)
            return
        with open(full, "rb") as f:
            body = f.read()
        start = 0
        status = 200
        header = self.headers.get("Range")
        if header and header.startswith("bytes="):
            start = int(header[len("bytes="):].split("-")[0])
            if start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % len(body))
                self.end_headers()
                return
            status = 206
        part = body[start:]
        self.send_response(status)
        self.send_header("Content-Length", str(len(part)))
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
        self.end_headers()
        if drop and self.path not in dropped:
            dropped.add(self.path)
            self.wfile.write(part[: len(part) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)
            self.close_connection = True
            return
        self.wfile.write(part)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
threading.Timer(120, server.shutdown).start()
server.serve_forever()
