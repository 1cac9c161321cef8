#!/usr/bin/env python3
"""Independent reader of Proofmint state dumps and fork genesis files (docs/PROTOCOL.md §10.6): checks the magic,
version, digest and key order, and rebuilds the state root from the entries with the model's state tree.

Usage:
  scripts/state_dump.py FILE      read a `proofmintd dump-state` file or a fork genesis file; print a JSON summary;
                                  exit 1 if the digest or the root does not hold
  scripts/state_dump.py --check   write the devnet genesis state as a dump from genesis/devnet.json and compare its
                                  digest with the pin below (the Swift dump of the same state has the same bytes)
Needs python3 only."""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofmint_model import (  # noqa: E402
    GENESIS_BEACON, H, ZERO, enc_header, entries_of, genesis_state, load_genesis, state_root, string, u16, u32, u64)

DUMP_MAGIC, FORK_MAGIC = b"PMSTDUMP", b"PMFORKGN"
# `proofmintd dump-state --height 0` of a devnet home (and StateDumpTests): the devnet genesis state's dump digest.
PINNED_DEVNET_DIGEST = "6164a426347394709acb897fbdf8945b1dbfdfdc54d1d59f2c047d39fc207995"

class Fail(Exception):
    pass

def encode(chain_id, height, block_hash, block_time, root, state):
    """The dump of `state` ({key bytes: value bytes}): header, digest, entries sorted by key bytes."""
    header = DUMP_MAGIC + u16(1) + string(chain_id) + u64(height) + block_hash + u64(block_time) + root + u64(len(state))
    entries = b"".join(u32(len(k)) + k + u32(len(v)) + v for k, v in sorted(state.items()))
    return header + H(header, entries) + entries

class Cursor:
    def __init__(self, data): self.data, self.at = data, 0
    def take(self, n):
        if self.at + n > len(self.data): raise Fail(f"truncated at byte {self.at}")
        self.at += n
        return self.data[self.at - n:self.at]
    def int(self, n): return int.from_bytes(self.take(n), "big")
    def var(self): return self.take(self.int(4))

def decode(data):
    """(summary, {key: value}) of a dump; raises Fail if it is not a sound dump."""
    c = Cursor(data)
    if c.take(8) != DUMP_MAGIC: raise Fail("not a state dump (no PMSTDUMP magic)")
    if c.int(2) != 1: raise Fail("unknown format version")
    chain_id = c.var().decode("utf-8")
    height, block_hash, block_time, root, count = c.int(8), c.take(32), c.int(8), c.take(32), c.int(8)
    header_end = c.at
    digest = c.take(32)
    state, previous = {}, None
    for _ in range(count):
        key, value = c.var(), c.var()
        if previous is not None and not previous < key: raise Fail(f"key {key.hex()} is not after {previous.hex()}")
        state[key], previous = value, key
    if c.at != len(data): raise Fail(f"{len(data) - c.at} trailing bytes")
    if H(data[:header_end], data[header_end + 32:]) != digest: raise Fail("digest does not match: damaged or edited")
    rebuilt = state_root(entries_of(state))
    summary = dict(chain_id=chain_id, height=height, block_hash=block_hash.hex(), block_time=block_time,
                   state_root=root.hex(), entries=count, digest=digest.hex(), root_rebuilt=rebuilt == root)
    return summary, state

def read(data):
    """A dump, or a fork genesis file: magic, version, new chain id, genesis time, then a dump."""
    if not data.startswith(FORK_MAGIC):
        return decode(data)[0]
    c = Cursor(data[8:])
    if c.int(2) != 1: raise Fail("unknown fork genesis format version")
    chain_id, time_ms = c.var().decode("utf-8"), c.int(8)
    summary = decode(data[8 + c.at:])[0]
    return dict(fork_chain_id=chain_id, fork_genesis_time=time_ms, dump=summary)

def check():
    here = os.path.dirname(os.path.abspath(__file__))
    g = load_genesis(os.path.join(here, "..", "genesis", "devnet.json"))
    state = genesis_state(g)
    root = state_root(entries_of(state))
    header = enc_header(g["chain_id"], 0, ZERO, g["time_ms"], ZERO, ZERO, root, 0, bytes(32), GENESIS_BEACON)
    dump = encode(g["chain_id"], 0, H(header), g["time_ms"], root, state)
    summary, _ = decode(dump)
    assert summary["root_rebuilt"], "the dump's entries do not rebuild the genesis root"
    assert summary["digest"] == PINNED_DEVNET_DIGEST, f"devnet genesis dump digest {summary['digest']} != pinned {PINNED_DEVNET_DIGEST}"
    print(f"state dump: devnet genesis dump digest {summary['digest']} ({len(dump)} bytes, {summary['entries']} entries) matches the pin")

def main():
    args = sys.argv[1:]
    if args == ["--check"]:
        return check()
    if len(args) != 1:
        sys.exit(__doc__)
    with open(args[0], "rb") as f:
        data = f.read()
    try:
        summary = read(data)
    except (Fail, UnicodeDecodeError) as error:
        sys.exit(f"{args[0]}: {error}")
    print(json.dumps(summary, indent=2, sort_keys=True))
    inner = summary.get("dump", summary)
    if not inner["root_rebuilt"]:
        sys.exit(f"{args[0]}: the entries do not rebuild the stated root {inner['state_root']}")

if __name__ == "__main__":
    main()
