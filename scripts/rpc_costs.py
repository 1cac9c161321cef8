#!/usr/bin/env python3
"""What each JSON-RPC method costs the node, to choose which ones the per-client limits treat as expensive reads
(docs/RELIABILITY.md, "Per-client limits and request deadlines (D4)").

Against a node started for it, e.g.

    proofmintd init --genesis genesis/devnet.json --home /tmp/costs --dev-validator 0
    proofmintd start --home /tmp/costs --mining manual --dev-control --mempool-max-per-sender 1000 --rpc-port 8645 &
    python3 scripts/rpc_costs.py --url http://127.0.0.1:8645 --transfers 2000

it sends --transfers transfers from the ten dev accounts (signed here with the reference model's Ed25519), mines them
into one block, then times --calls calls of each method one at a time and prints the median and the slowest, in
milliseconds as the client sees them (HTTP on loopback included). Standard library only.
"""
import argparse, json, os, statistics, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofmint_model import (  # noqa: E402 (the shared definitions of PROTOCOL.md)
    H, SigningKey, TX_DOMAIN, address_of_key, address_text, dev_seed, enc_transfer_tx, module_address)


def call(url, method, params=None, batch=None):
    body = batch if batch is not None else {"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


def fill_block(url, chain_id, transfers):
    keys = [SigningKey(dev_seed(i)) for i in range(10)]
    nonces = [call(url, "pm_getAccount", {"address": address_text(address_of_key(k.public))})["result"]["nonce"] for k in keys]
    requests, ids = [], []
    for n in range(transfers):
        i = n % len(keys)
        tx = enc_transfer_tx(chain_id, keys[i].public, nonces[i], 10**15, None, module_address(f"costs-{n}"), 1, b"")
        nonces[i] += 1
        ids.append(H(tx).hex())
        requests.append({"jsonrpc": "2.0", "id": n, "method": "pm_sendTransaction", "params": {"tx": (tx + keys[i].sign(TX_DOMAIN + tx)).hex()}})
    for start in range(0, len(requests), 100):
        for answer in call(url, None, batch=requests[start:start + 100]):
            if "error" in answer:
                sys.exit(f"transfer refused: {answer['error']}")
    mined = call(url, "pm_mine", {"blocks": 1})
    if "error" in mined:
        sys.exit(f"pm_mine: {mined['error']} (start the node with --mining manual --dev-control)")
    return ids[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8645")
    parser.add_argument("--transfers", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    status = call(args.url, "pm_status")["result"]
    tx_id = fill_block(args.url, status["chain_id"], args.transfers)
    height = call(args.url, "pm_status")["result"]["height"]
    dev0 = address_text(address_of_key(SigningKey(dev_seed(0)).public))
    methods = [
        ("pm_status", {}), ("pm_getAccount", {"address": dev0}), ("pm_getTransaction", {"id": tx_id}),
        ("pm_getParameters", {}), ("pm_getSupply", {}), ("pm_getEpoch", {}),
        ("pm_getBlock", {"height": height}), ("pm_getBlock", {"height": height, "full": True}),
        ("pm_getProviders", {}), ("pm_getProposals", {}), ("pm_getComputeValidators", {}), ("pm_getAttestors", {}),
        ("pm_getPendingValidations", {}), ("pm_getChallenges", {}), ("pm_getRewards", {"address": dev0}),
    ]
    print(f"block {height} holds {args.transfers} transfers; {args.calls} calls each, milliseconds")
    print(f"{'method':<32} {'median':>8} {'max':>8}")
    for method, params in methods:
        times = []
        for _ in range(args.calls):
            start = time.perf_counter()
            answer = call(args.url, method, params)
            times.append((time.perf_counter() - start) * 1000)
            if "error" in answer:
                sys.exit(f"{method}: {answer['error']}")
        label = method + (" full" if params.get("full") else "")
        print(f"{label:<32} {statistics.median(times):>8.2f} {max(times):>8.2f}")


if __name__ == "__main__":
    main()
