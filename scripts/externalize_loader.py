#!/usr/bin/env python3
"""Trunk post_build hook: move Trunk's inline wasm loader into its own file.

Trunk 0.21 starts the app with an inline <script type="module">. Our
Content-Security-Policy allows scripts from this origin only (no
'unsafe-inline', and a nonce baked into a static file would be no protection),
so the inline loader is written to `loader-<hash>.js` and referenced by URL.
Runs in Trunk's staging directory, so `trunk build` and `trunk serve` both
publish the rewritten page.
"""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
public_url = os.environ.get("TRUNK_PUBLIC_URL", "/")
if not staging:
    sys.exit("externalize_loader.py: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)")

index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()

INLINE_MODULE = re.compile(r'<script type="module"(?P<attrs>[^>]*)>(?P<body>.*?)</script>', re.S)
moved = 0


def externalize(match: re.Match) -> str:
    global moved
    body = match.group("body").strip()
    if not body or " src=" in match.group("attrs"):
        return match.group(0)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    name = f"loader-{digest}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
        out.write(body + "\n")
    moved += 1
    return f'<script type="module" src="{public_url}{name}"></script>'


html = INLINE_MODULE.sub(externalize, html)
# A build-time nonce is the same for every visitor, so it protects nothing: drop it.
html = re.sub(r'\snonce="[^"]*"', "", html)
if re.search(r"<script(?![^>]*\ssrc=)[^>]*>\s*\S", html):
    sys.exit("externalize_loader.py: an inline script is left in index.html; the CSP would block it")
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"externalize_loader.py: moved {moved} inline loader script(s) to files")
