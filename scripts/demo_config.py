#!/usr/bin/env python3
"""Writes the app's config.json for the local demo: the proxy started by
scripts/run.sh and every batch (mix_id) found in the simulator's dump.

    usage: demo_config.py DUMP.jsonl PROXY_URL TOKEN PARTNER_CODE > dist/config.json
"""
import json
import sys

dump, proxy_url, token, partner_code = sys.argv[1:5]
batches = []
with open(dump, encoding="utf-8") as pages:
    for line in pages:
        if not line.strip():
            continue
        response = json.loads(line)
        result = next(iter(response.values()))["result"]
        mix_id = result["return_value"]["basic"]["mix_id"]
        if mix_id not in batches:
            batches.append(mix_id)
json.dump(
    {
        "proxy_url": proxy_url,
        "proxy_token": token,
        "partner_code": partner_code,
        "batches": batches,
        "pull": "ALL",
        "cursor_key": "last_sequence",
    },
    sys.stdout,
    indent=2,
)
print()
