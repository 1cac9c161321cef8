#!/usr/bin/env python3
"""Measures what devnet snapshots cost on a real node (docs/ARCHITECTURE.md, "Snapshots and revert").

Starts `proofmintd` on a fresh devnet home in manual mining mode with --dev-control, then for each
(chain length before the snapshot, blocks after it): mines to the chain length, takes a snapshot, mines the blocks
after it, reads the undo records' size from pm_listSnapshots and times pm_revert (wall clock of the RPC call).
Prints a Markdown table. Python 3 standard library only.

usage: python3 scripts/snapshot_cost.py BIN_DIR [--runs 0:1000,0:5000,20000:1000]
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(url, method, params=None):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        answer = json.loads(response.read())
    if "error" in answer:
        raise SystemExit(f"{method}: {answer['error']}")
    return answer["result"]


def mine(url, blocks):
    while blocks > 0:
        step = min(blocks, 1000)
        call(url, "pm_mine", {"blocks": step})
        blocks -= step


def start(bin_dir, home):
    subprocess.run([f"{bin_dir}/proofmintd", "init", "--genesis", f"{REPO}/genesis/devnet.json", "--home", home,
                    "--dev-validator", "0"], check=True, capture_output=True)
    log = open(f"{home}/node.log", "w")
    node = subprocess.Popen([f"{bin_dir}/proofmintd", "start", "--home", home, "--rpc-port", "0", "--mining", "manual",
                             "--dev-control"], stdout=log, stderr=log)
    for _ in range(600):
        try:
            with open(f"{home}/rpc.address") as f:
                url = f.read().strip()
            if url:
                call(url, "pm_status")
                return node, url
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    node.kill()
    raise SystemExit("proofmintd did not start")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    bin_dir = sys.argv[1]
    runs = [(0, 1000), (0, 5000), (20000, 1000)]
    if "--runs" in sys.argv:
        text = sys.argv[sys.argv.index("--runs") + 1]
        runs = [tuple(int(x) for x in item.split(":")) for item in text.split(",")]
    print("| chain before the snapshot | blocks after it | undo records | undo bytes/block | pm_revert s | root exact |")
    print("|---:|---:|---:|---:|---:|---|")
    for before, after in runs:
        with tempfile.TemporaryDirectory(prefix="proofmint-snapshot-cost-") as home:
            node, url = start(bin_dir, home)
            try:
                mine(url, before)
                snapshot = call(url, "pm_snapshot", {"name": "base"})
                mine(url, after)
                listed = call(url, "pm_listSnapshots")
                t0 = time.monotonic()
                reverted = call(url, "pm_revert", {"name": "base"})
                seconds = time.monotonic() - t0
                exact = reverted["state_root"] == snapshot["state_root"] and call(url, "pm_status")["height"] == snapshot["height"]
                per_block = listed["undo_bytes"] / max(listed["undo_records"], 1)
                print(f"| {snapshot['height']} | {reverted['reverted_blocks']} | {listed['undo_records']} | {per_block:.0f} "
                      f"| {seconds:.2f} | {'yes' if exact else 'NO'} |")
            finally:
                node.kill()
                node.wait()


if __name__ == "__main__":
    main()
