#!/usr/bin/env bash
# `make devnet NODES=n` (n >= 2): n validator nodes on loopback, each following the others, from a genesis with n
# INSECURE dev validators (scripts/devnet_genesis.py). Node i lives in HOME/node-i, serves RPC on BASE_PORT+i and
# produces in its slot; Ctrl-C stops them all (state is kept: run it again to resume, `make devnet-reset` to start over).
#
#   scripts/devnet_nodes.sh NODES HOME BIN_DIR BASE_PORT [proofmintd start flags...]
set -euo pipefail

nodes=$1 home=$2 bin=$3 base_port=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$home"
if [ ! -f "$home/genesis.json" ]; then
    python3 "$here/devnet_genesis.py" "$nodes" "$home/genesis.json"
fi
for ((i = 0; i < nodes; i++)); do
    if [ ! -d "$home/node-$i/data" ]; then
        "$bin/proofmintd" init --genesis "$home/genesis.json" --home "$home/node-$i" --dev-validator "$i" >/dev/null
    fi
done

pids=()
stop() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "devnet of $nodes nodes stopped (state kept in $home)"
}
trap stop INT TERM EXIT

for ((i = 0; i < nodes; i++)); do
    peers=()
    for ((j = 0; j < nodes; j++)); do
        if [ "$j" != "$i" ]; then peers+=(--follow "http://127.0.0.1:$((base_port + j))"); fi
    done
    "$bin/proofmintd" start --home "$home/node-$i" --rpc-port "$((base_port + i))" --dev-control "${peers[@]}" "$@" \
        >"$home/node-$i/node.log" 2>&1 &
    pids+=($!)
done

sleep 1
echo "Devnet of $nodes validator nodes (INSECURE dev keys), logs in $home/node-*/node.log:"
for ((i = 0; i < nodes; i++)); do
    echo "  node $i  validator-$i  http://127.0.0.1:$((base_port + i))  (explorer http://127.0.0.1:$((base_port + i))/explorer)"
done
echo "proofmint query status --node http://127.0.0.1:$base_port shows the height, peers and sync state. Ctrl-C stops all."

# Any node that exits (a refused start, a crash) stops the devnet, so a half-running one is never left behind.
wait -n "${pids[@]}" || true
echo "a node exited; stopping the devnet (see $home/node-*/node.log)" >&2
