#!/usr/bin/env python3
"""Static server for the browser benchmark (scripts/bench.sh), on 127.0.0.1 only.

    /            the release build of the app (the site directory), unchanged
    /bench/      this folder: the harness page, its scripts, node_modules (DuckDB-WASM, Arrow)
    /data/       the generated data sets (target/bench-data)

The app keeps its own strict Content-Security-Policy (it is in its index.html);
the harness is a page of its own, so nothing about the app is loosened for
DuckDB-WASM.

    usage: serve.py PORT SITE_DIR BENCH_DIR DATA_DIR
"""
import http.server
import os
import sys
import urllib.parse

PORT = int(sys.argv[1])
SITE, BENCH, DATA = (os.path.realpath(p) for p in sys.argv[2:5])
MOUNTS = (("/bench/", BENCH), ("/data/", DATA), ("/", SITE))


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".csv": "text/csv",
    }

    def translate_path(self, path):
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        for prefix, root in MOUNTS:
            if path.startswith(prefix):
                rel = os.path.normpath(path[len(prefix):]).lstrip("/")
                if rel.startswith(".."):
                    return os.path.join(root, "__nothing__")
                return os.path.join(root, rel) if rel != "." else root
        return os.path.join(SITE, "__nothing__")

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer.allow_reuse_address = True
with http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler) as server:
    print(f"serving on http://127.0.0.1:{PORT}/", flush=True)
    server.serve_forever()
