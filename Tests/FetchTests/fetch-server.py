"""A file server on 127.0.0.1 for the fetch tests: serves a folder with Range support.

  python3 fetch-server.py ROOT PORT_FILE

Writes the port it listens on into PORT_FILE. A path under /drop-once/ is served from
ROOT without that prefix, but its first request breaks the connection after half the
body; /missing/... answers 404. Stops by itself after 120 seconds.
"""
import http.server
import os
import socketserver
import sys
import threading

root, port_file = sys.argv[1], sys.argv[2]
dropped = set()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
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
