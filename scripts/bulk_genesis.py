"""Writes a genesis file with N extra 1-AI allocations to fresh addresses, to measure `inspect --verify` on a large
state (docs/RELIABILITY.md, "Storage integrity"):

    python3 scripts/bulk_genesis.py genesis/devnet.json 100000 /tmp/g100k.json
"""
import hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofmint_model import bech32m_encode  # noqa: E402


def main():
    source, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    genesis = json.load(open(source))
    for index in range(count):
        address = bech32m_encode("pm", hashlib.sha256(b"bulk%d" % index).digest()[:20])
        genesis["allocations"].append({"name": f"bulk{index}", "address": address, "amount": "1AI"})
    json.dump(genesis, open(out, "w"))


if __name__ == "__main__":
    main()
