#!/usr/bin/env python3
"""Independent re-implementation of the Proofmint encodings, roots and proofs (docs/PROTOCOL.md), written from the
spec with nothing but the Python standard library (plus the `cryptography` package for the optional Ed25519
transaction vector). It shares no code with the Swift implementation.

It prints:
  * the module account addresses;
  * the devnet genesis state writes, state root and genesis block hash, recomputed from genesis/devnet.json, and
    two pm_getAccount proofs (JSON form) under that root, verified the way a wallet does;
  * the worked state-tree example of PROTOCOL.md (nodes, root, an inclusion proof and an absence proof);
  * the Merkle-list example;
  * a signed transfer from dev0 to dev1, its receipt, the roots of block 1 holding only it, and that block signed
    by the devnet validator-0 key (needs `cryptography`; skipped otherwise);
  * a signed stake from dev0 (tier 2, locked 4 epochs), its receipt, the new records, and the roots of block 1
    holding only it (needs `cryptography`).

Usage:
  scripts/protocol_vectors.py [--genesis genesis/devnet.json] [--check]
With --check the computed values are compared with the ones PROTOCOL.md states (which were checked against
`proofmintd`; they are also kept in EXPECTED below), every quoted value (EXPECTED and DOCUMENTED) is looked up in
docs/PROTOCOL.md itself, and the script exits non-zero on any difference.
"""
import hashlib, hmac, json, os, re, sys
from datetime import datetime

# ----------------------------------------------------------------------------------------------------------------
# Hash, canonical encoding

def H(*parts):
    """BLAKE2b-256 (unkeyed, 32-byte digest) of the concatenation of parts."""
    h = hashlib.blake2b(digest_size=32)
    for p in parts:
        h.update(p)
    return h.digest()

ZERO = bytes(32)

def u8(v): return v.to_bytes(1, "big")
def u16(v): return v.to_bytes(2, "big")
def u32(v): return v.to_bytes(4, "big")
def u64(v): return v.to_bytes(8, "big")
def u128(v): return v.to_bytes(16, "big")
def var(b): return u32(len(b)) + b
def string(s): return var(s.encode("utf-8"))
def optional(v, enc): return b"\x00" if v is None else b"\x01" + enc(v)

# ----------------------------------------------------------------------------------------------------------------
# Addresses

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32M_CONST = 0x2BC830A3

def _polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk

def _expand(hrp):
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]

def _convert(data, frm, to, pad):
    acc = bits = 0
    out = []
    for v in data:
        acc = (acc << frm) | v
        bits += frm
        while bits >= to:
            bits -= to
            out.append((acc >> bits) & ((1 << to) - 1))
    if pad:
        if bits:
            out.append((acc << (to - bits)) & ((1 << to) - 1))
    elif bits >= frm or (acc << (to - bits)) & ((1 << to) - 1):
        raise ValueError("bad padding")
    return out

def bech32m_encode(hrp, data):
    values = _convert(data, 8, 5, True)
    mod = _polymod(_expand(hrp) + values + [0] * 6) ^ BECH32M_CONST
    return hrp + "1" + "".join(CHARSET[v] for v in values + [(mod >> 5 * (5 - i)) & 31 for i in range(6)])

def bech32m_decode(text):
    if text.lower() != text and text.upper() != text:
        raise ValueError("mixed case")
    text = text.lower()
    sep = text.rfind("1")
    if sep < 1 or len(text) - sep <= 6:
        raise ValueError("no separator")
    hrp, values = text[:sep], [CHARSET.index(c) for c in text[sep + 1:]]
    if _polymod(_expand(hrp) + values) != BECH32M_CONST:
        raise ValueError("bad checksum")
    return hrp, bytes(_convert(values[:-6], 5, 8, False))

def address_of_key(pk): return H(b"proofmint/address/v1", pk)[:20]
def module_address(name): return H(b"proofmint/module/v1/" + name.encode())[:20]
def address_text(a): return bech32m_encode("pm", a)

def parse_address(text):
    hrp, data = bech32m_decode(text.strip())
    assert hrp == "pm" and len(data) == 20, text
    return data

MODULES = ["treasury", "reward_pool", "liquidity", "training", "ecosystem", "team", "public_sale"]

# ----------------------------------------------------------------------------------------------------------------
# Records and state keys

ONE = 10**18

def parse_amount(text):
    """Tokens.parse: "12.5AI" / "12.5 AI" (token units, at most 18 decimals) or plain base units "1250"."""
    t = text.strip()
    if t.upper().endswith("AI"):
        t = t[:-2].strip()
        m = re.fullmatch(r"([0-9]+)(?:\.([0-9]{1,18}))?", t)
        assert m, text
        v = int(m.group(1)) * ONE + int((m.group(2) or "").ljust(18, "0"))
    else:
        assert re.fullmatch(r"0|[1-9][0-9]*", t), text
        v = int(t)
    assert v < 2**128
    return v

def key_account(addr): return b"\x01" + addr
KEY_TOTALS, KEY_PARAMETERS, KEY_VALIDATORS = b"\x02", b"\x03", b"\x04"
def key_stake(addr): return b"\x05" + addr
def key_unbonding(addr): return b"\x06" + addr
def key_evidence(validator_pk, height): return b"\x07" + H(validator_pk, u64(height))

def enc_account(nonce, balance): return u8(1) + u64(nonce) + u128(balance)
def enc_totals(issued, burned, fees, staked=0, unbonding=0):
    return u8(1) + u128(issued) + u128(burned) + u128(fees) + u128(staked) + u128(unbonding)
def enc_staking_parameters(k):
    return (u128(k["min_stake"]) + u64(k["unbonding_period"]) + u16(k["unstake_burn_bps"]) + u32(k["max_lock_epochs"])
            + u8(len(k["lock_steps"])) + b"".join(u32(s["min_epochs"]) + u16(s["multiplier_bps"]) for s in k["lock_steps"])
            + u8(len(k["tier_multipliers_bps"])) + b"".join(u16(t) for t in k["tier_multipliers_bps"])
            + u16(k["max_unbonding_entries"]) + u16(k["slash_sla_min_bps"]) + u16(k["slash_sla_max_bps"])
            + u16(k["slash_attestation_bps"]) + u16(k["slash_malicious_bps"]))
def enc_parameters(p):
    s = p["fee_split_bps"]
    return (u8(1) + u128(p["min_fee"]) + u32(p["max_tx_bytes"]) + u32(p["max_block_transactions"])
            + u32(p["max_block_bytes"]) + u16(s["burn"]) + u16(s["reward_pool"]) + u16(s["treasury"]) + u16(s["liquidity"])
            + u64(p["epoch_length"]) + enc_staking_parameters(p["staking"]))
def enc_validators(vs):
    return u8(1) + u32(len(vs)) + b"".join(string(name) + pk for name, pk in vs)
def enc_stake(amount, lock_epochs, locked_until, tier, attestation, reputation, jailed):
    return (u8(1) + u128(amount) + u32(lock_epochs) + u64(locked_until) + u8(tier) + optional(attestation, lambda a: a)
            + u16(reputation) + u8(1 if jailed else 0))
def enc_unbonding(entries): return u8(1) + u16(len(entries)) + b"".join(u128(a) + u64(m) for a, m in entries)

DEFAULT_STAKING = {"min_stake": 100 * ONE, "unbonding_period": 20, "unstake_burn_bps": 10, "max_lock_epochs": 520,
                   "lock_steps": [{"min_epochs": 0, "multiplier_bps": 10000}, {"min_epochs": 4, "multiplier_bps": 11000},
                                  {"min_epochs": 12, "multiplier_bps": 12500}, {"min_epochs": 52, "multiplier_bps": 15000}],
                   "tier_multipliers_bps": [10000, 12000, 15000, 18000, 20000], "max_unbonding_entries": 16,
                   "slash_sla_min_bps": 100, "slash_sla_max_bps": 500, "slash_attestation_bps": 1000,
                   "slash_malicious_bps": 10000}
DEFAULT_PARAMETERS = {"min_fee": ONE // 1000, "max_tx_bytes": 4096, "max_block_transactions": 10000,
                      "max_block_bytes": 8 << 20,
                      "fee_split_bps": {"burn": 4000, "reward_pool": 3000, "treasury": 2000, "liquidity": 1000},
                      "epoch_length": 60, "staking": DEFAULT_STAKING}

def fee_shares(fee, split):
    portion = lambda a, bps: (a // 10000) * bps + (a % 10000) * bps // 10000
    burn, pool, liq = portion(fee, split["burn"]), portion(fee, split["reward_pool"]), portion(fee, split["liquidity"])
    return {"burn": burn, "reward_pool": pool, "treasury": fee - burn - pool - liq, "liquidity": liq}

# ----------------------------------------------------------------------------------------------------------------
# Genesis

def load_genesis(path):
    g = json.load(open(path))
    params = json.loads(json.dumps(DEFAULT_PARAMETERS))
    for k, v in (g.get("parameters") or {}).items():
        if k == "staking":
            for sk, sv in v.items():
                params["staking"][sk] = parse_amount(sv) if sk == "min_stake" else sv
        else:
            params[k] = parse_amount(v) if k == "min_fee" else v
    validators = [(v["name"], bytes.fromhex(v["public_key"])) for v in g["validators"]]
    allocations = []
    for a in g["allocations"]:
        addr = parse_address(a["address"]) if "address" in a else module_address(a["module"])
        allocations.append((addr, parse_amount(a["amount"])))
    t = datetime.fromisoformat(g["genesis_time"].replace("Z", "+00:00"))
    return {"chain_id": g["chain_id"], "time_ms": int(t.timestamp()) * 1000, "parameters": params,
            "validators": validators, "allocations": allocations}

def genesis_state(g):
    """State key -> canonical value bytes after genesis."""
    state = {}
    for addr, amount in g["allocations"]:
        state[key_account(addr)] = enc_account(0, amount)
    state[KEY_TOTALS] = enc_totals(sum(a for _, a in g["allocations"]), 0, 0)
    state[KEY_PARAMETERS] = enc_parameters(g["parameters"])
    state[KEY_VALIDATORS] = enc_validators(g["validators"])
    return state

# ----------------------------------------------------------------------------------------------------------------
# State tree (from the definition: recompute everything, no incremental update)

def bit(h, i): return (h[i >> 3] >> (7 - (i & 7))) & 1

def leaf_hash(k, v): return H(b"\x00", k, v)
def internal_hash(l, r): return H(b"\x01", l, r)

def entries_of(state):
    """{key hash: value hash} for a {state key: value bytes} map."""
    return {H(k): H(v) for k, v in state.items()}

def subtree(entries, depth, nodes=None, prefix=None):
    """Hash of the subtree holding `entries` (list of (keyHash, valueHash)) at `depth`; fills `nodes` by path."""
    if not entries:
        return ZERO
    if len(entries) == 1:
        k, v = entries[0]
        if nodes is not None:
            nodes[path_of(k, depth)] = ("leaf", k, v)
        return leaf_hash(k, v)
    assert depth < 256
    left = subtree([e for e in entries if bit(e[0], depth) == 0], depth + 1, nodes)
    right = subtree([e for e in entries if bit(e[0], depth) == 1], depth + 1, nodes)
    if nodes is not None:
        nodes[path_of(entries[0][0], depth)] = ("internal", left, right)
    return internal_hash(left, right)

def state_root(entries): return subtree(sorted(entries.items()), 0)

def path_of(key_hash, depth):
    """The storage key of the node at `depth` toward `key_hash`: 32-byte prefix (bits >= depth zeroed) || u16 depth."""
    n = int.from_bytes(key_hash, "big")
    mask = ((1 << 256) - 1) ^ ((1 << (256 - depth)) - 1) if depth else 0
    return (n & mask).to_bytes(32, "big") + u16(depth)

def make_proof(entries, key):
    """(siblings from depth 0 down, terminal) where terminal is None (empty) or (keyHash, valueHash)."""
    current, siblings, depth = sorted(entries.items()), [], 0
    while len(current) >= 2:
        b = bit(key, depth)
        same = [e for e in current if bit(e[0], depth) == b]
        other = [e for e in current if bit(e[0], depth) != b]
        siblings.append(subtree(other, depth + 1))
        current, depth = same, depth + 1
    return siblings, (current[0] if current else None)

def proof_root(key, siblings, terminal):
    """The root a proof for `key` leads to, or None if it is malformed."""
    if len(siblings) > 256:
        return None
    if terminal is None:
        h = ZERO
    else:
        lk, lv = terminal
        if any(bit(lk, d) != bit(key, d) for d in range(len(siblings))):
            return None
        h = leaf_hash(lk, lv)
    for d in range(len(siblings) - 1, -1, -1):
        h = internal_hash(h, siblings[d]) if bit(key, d) == 0 else internal_hash(siblings[d], h)
    return h

def verify_inclusion(key, value_hash, siblings, terminal, root):
    return terminal is not None and terminal == (key, value_hash) and proof_root(key, siblings, terminal) == root

def verify_absence(key, siblings, terminal, root):
    return (terminal is None or terminal[0] != key) and proof_root(key, siblings, terminal) == root

def rpc_proof(state, state_key):
    """The `proof` object of pm_getAccount (docs/RPC.md) for `state_key` in `state`."""
    sib, term = make_proof(entries_of(state), H(state_key))
    value = state.get(state_key)
    return {"key": state_key.hex(), "value": value.hex() if value is not None else None,
            "siblings": [x.hex() for x in sib],
            "leaf": None if term is None else {"key_hash": term[0].hex(), "value_hash": term[1].hex()}}

def verify_rpc_proof(proof, state_key, root):
    """What a wallet does with a pm_getAccount proof: returns the proven value bytes, or None if proven absent;
    raises ValueError if the proof does not prove either under `root`."""
    if bytes.fromhex(proof["key"]) != state_key:
        raise ValueError("proof is for another key")
    key = H(state_key)
    siblings = [bytes.fromhex(x) for x in proof["siblings"]]
    leaf = proof["leaf"]
    terminal = None if leaf is None else (bytes.fromhex(leaf["key_hash"]), bytes.fromhex(leaf["value_hash"]))
    if proof["value"] is not None:
        value = bytes.fromhex(proof["value"])
        if not verify_inclusion(key, H(value), siblings, terminal, root):
            raise ValueError("inclusion proof does not verify")
        return value
    if not verify_absence(key, siblings, terminal, root):
        raise ValueError("absence proof does not verify")
    return None

# ----------------------------------------------------------------------------------------------------------------
# Merkle list, headers, transactions, receipts

def merkle_list(items):
    if not items:
        return ZERO
    def sub(xs):
        if len(xs) == 1:
            return H(b"\x00", xs[0])
        k = 1
        while k * 2 < len(xs):
            k *= 2
        return H(b"\x01", sub(xs[:k]), sub(xs[k:]))
    return sub(items)

def enc_header(chain_id, height, parent, timestamp, tx_root, receipt_root, state_root_, tx_count, producer):
    return (u8(1) + string(chain_id) + u64(height) + parent + u64(timestamp) + tx_root + receipt_root + state_root_
            + u32(tx_count) + producer)

def enc_transfer_tx(chain_id, sender_pk, nonce, fee, expiry, recipient, amount, memo):
    return (u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64)
            + u8(1) + recipient + u128(amount) + var(memo))

TX_DOMAIN = b"proofmint/tx/v1\x00"
BLOCK_DOMAIN = b"proofmint/block/v1\x00"

def enc_event_transfer(frm, to, amount): return u8(1) + frm + to + u128(amount)
def enc_event_fee(payer, total, s):
    return u8(2) + payer + u128(total) + u128(s["burn"]) + u128(s["reward_pool"]) + u128(s["treasury"]) + u128(s["liquidity"])
def enc_receipt(tx_id, code, fee, events): return u8(1) + tx_id + u16(code) + u128(fee) + u32(len(events)) + b"".join(events)

def dev_seed(index):
    """SLIP-10 Ed25519 m/44'/7337'/0'/0'/index' of the public devnet mnemonic (scripts/devnet_accounts.py)."""
    seed = hashlib.pbkdf2_hmac("sha512", b"test test test test test test test test test test test junk", b"mnemonic", 2048, 64)
    d = hmac.new(b"ed25519 seed", seed, hashlib.sha512).digest()
    key, chain = d[:32], d[32:]
    for i in [44, 7337, 0, 0, index]:
        d = hmac.new(chain, b"\x00" + key + (i | 0x80000000).to_bytes(4, "big"), hashlib.sha512).digest()
        key, chain = d[:32], d[32:]
    return key

def transfer_vector(g, state, computed):
    """dev0 -> dev1, 1 AI, fee = min_fee, nonce 0, no expiry, memo 'vector', alone in block 1."""
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        print("\n(cryptography not installed: transaction vector skipped)")
        return
    raw = lambda sk: sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    print("\n== Transfer vector: dev0 -> dev1, 1 AI, fee = min_fee, nonce 0, no expiry, memo 'vector'")
    sk = Ed25519PrivateKey.from_private_bytes(dev_seed(0))
    pk = raw(sk)
    sender, recipient = address_of_key(pk), address_of_key(raw(Ed25519PrivateKey.from_private_bytes(dev_seed(1))))
    fee, amount = g["parameters"]["min_fee"], ONE
    balances = dict(g["allocations"])
    if balances.get(sender, 0) < fee + amount:
        print("  (dev0 is not funded by this genesis: vector skipped)")
        return
    tx = enc_transfer_tx(g["chain_id"], pk, 0, fee, None, recipient, amount, b"vector")
    sig = sk.sign(TX_DOMAIN + tx)
    tx_id = H(tx)
    computed["transfer_id"] = tx_id.hex()
    DOCUMENTED["transfer signed transaction"] = (tx + sig).hex()
    print(f"  unsigned {tx.hex()}\n  signed   {(tx + sig).hex()}\n  id       {tx_id.hex()}")
    # Admission: fee charged, nonce advanced, fee split; then execution: the transfer.
    shares = fee_shares(fee, g["parameters"]["fee_split_bps"])
    nonces = {sender: 1}
    balances[sender] -= fee
    for name in ["reward_pool", "treasury", "liquidity"]:
        m = module_address(name)
        balances[m] = balances.get(m, 0) + shares[name]
    balances[sender] -= amount
    balances[recipient] = balances.get(recipient, 0) + amount
    after = dict(state)
    for a, b in balances.items():
        if b or nonces.get(a, 0):
            after[key_account(a)] = enc_account(nonces.get(a, 0), b)
        else:
            after.pop(key_account(a), None)
    after[KEY_TOTALS] = enc_totals(sum(a for _, a in g["allocations"]), shares["burn"], fee)
    receipt = enc_receipt(tx_id, 0, fee, [enc_event_fee(sender, fee, shares), enc_event_transfer(sender, recipient, amount)])
    DOCUMENTED["transfer receipt"] = receipt.hex()
    computed["block1_tx_root"] = merkle_list([H(tx + sig)]).hex()
    computed["block1_receipt_root"] = merkle_list([H(receipt)]).hex()
    computed["block1_state_root"] = state_root(entries_of(after)).hex()
    print(f"  receipt  {receipt.hex()}")
    print(f"  block 1 transaction root {computed['block1_tx_root']}")
    print(f"  block 1 receipt root     {computed['block1_receipt_root']}")
    print(f"  block 1 state root       {computed['block1_state_root']}")
    print(f"  dev0 account after       {after[key_account(sender)].hex()}")
    # The block itself, signed by the INSECURE devnet validator-0 key, for a given timestamp.
    vk = Ed25519PrivateKey.from_private_bytes(H(b"proofmint/insecure-dev-validator/0"))
    genesis_hash = H(enc_header(g["chain_id"], 0, ZERO, g["time_ms"], ZERO, ZERO, state_root(entries_of(state)), 0, bytes(32)))
    timestamp = g["time_ms"] + 1000
    header = enc_header(g["chain_id"], 1, genesis_hash, timestamp, merkle_list([H(tx + sig)]), merkle_list([H(receipt)]),
                        bytes.fromhex(computed["block1_state_root"]), 1, raw(vk))
    block_sig = vk.sign(BLOCK_DOMAIN + header)
    computed["block1_hash"] = H(header).hex()
    print(f"  block 1 at timestamp {timestamp} by validator-0:\n    header    {header.hex()}\n"
          f"    hash      {H(header).hex()}\n    signature {block_sig.hex()}\n"
          f"    block     {(header + block_sig + u32(1) + tx + sig).hex()}")

def enc_stake_tx(chain_id, sender_pk, nonce, fee, expiry, amount, lock_epochs, tier, attestation):
    return (u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64)
            + u8(2) + u128(amount) + u32(lock_epochs) + u8(tier) + optional(attestation, lambda a: a))

def enc_event_staked(provider, added, total, tier, locked_until):
    return u8(3) + provider + u128(added) + u128(total) + u8(tier) + u64(locked_until)

def staking_power(amount, lock_epochs, tier, reputation, jailed, k):
    """PROTOCOL.md §9.8: three floors, in order; 0 while jailed."""
    if jailed:
        return 0
    lock = [s["multiplier_bps"] for s in k["lock_steps"] if s["min_epochs"] <= lock_epochs][-1]
    return (amount * lock // 10000) * k["tier_multipliers_bps"][tier] // 10000 * (1000 + reputation) // 1000

def stake_vector(g, state, computed):
    """dev0 stakes 1000 AI at tier 2 (cpu-tee) with an attestation, locked 4 epochs; fee = min_fee, nonce 0; alone in
    block 1."""
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        print("\n(cryptography not installed: stake vector skipped)")
        return
    raw = lambda sk: sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    print("\n== Stake vector: dev0 stakes 1000 AI, tier 2 (cpu-tee), lock 4 epochs, fee = min_fee, nonce 0")
    sk = Ed25519PrivateKey.from_private_bytes(dev_seed(0))
    pk = raw(sk)
    sender = address_of_key(pk)
    p, k = g["parameters"], g["parameters"]["staking"]
    fee, amount, lock, tier = p["min_fee"], 1000 * ONE, 4, 2
    attestation = H(b"proofmint/vector/attestation")
    balances = dict(g["allocations"])
    if balances.get(sender, 0) < fee + amount:
        print("  (dev0 is not funded by this genesis: vector skipped)")
        return
    tx = enc_stake_tx(g["chain_id"], pk, 0, fee, None, amount, lock, tier, attestation)
    sig = sk.sign(TX_DOMAIN + tx)
    tx_id = H(tx)
    computed["stake_id"] = tx_id.hex()
    DOCUMENTED["stake signed transaction"] = (tx + sig).hex()
    print(f"  attestation {attestation.hex()}\n  unsigned {tx.hex()}\n  signed   {(tx + sig).hex()}\n  id       {tx_id.hex()}")
    # Admission: fee and nonce. Execution (§9.3): no stake yet, total ≥ min_stake, lock end = height + 4 × epoch_length.
    height = 1
    assert amount >= k["min_stake"] and lock <= k["max_lock_epochs"]
    locked_until = height + lock * p["epoch_length"]
    shares = fee_shares(fee, p["fee_split_bps"])
    after = dict(state)
    balances[sender] -= fee + amount
    for name in ["reward_pool", "treasury", "liquidity"]:
        m = module_address(name)
        balances[m] = balances.get(m, 0) + shares[name]
    for a, b in balances.items():
        nonce = 1 if a == sender else 0
        if b or nonce:
            after[key_account(a)] = enc_account(nonce, b)
    after[key_stake(sender)] = enc_stake(amount, lock, locked_until, tier, attestation, 0, False)
    after[KEY_TOTALS] = enc_totals(sum(a for _, a in g["allocations"]), shares["burn"], fee, amount, 0)
    receipt = enc_receipt(tx_id, 0, fee, [enc_event_fee(sender, fee, shares),
                                          enc_event_staked(sender, amount, amount, tier, locked_until)])
    computed["stake_block1_tx_root"] = merkle_list([H(tx + sig)]).hex()
    computed["stake_block1_receipt_root"] = merkle_list([H(receipt)]).hex()
    computed["stake_block1_state_root"] = state_root(entries_of(after)).hex()
    power = staking_power(amount, lock, tier, 0, False, k)
    DOCUMENTED["stake receipt"] = receipt.hex()
    DOCUMENTED["stake record"] = after[key_stake(sender)].hex()
    DOCUMENTED["totals after the stake"] = after[KEY_TOTALS].hex()
    print(f"  receipt  {receipt.hex()}")
    print(f"  stake record (key {key_stake(sender).hex()}) {after[key_stake(sender)].hex()}")
    print(f"  totals   {after[KEY_TOTALS].hex()}")
    print(f"  staking power {power} ({power / ONE} AI)")
    print(f"  block 1 transaction root {computed['stake_block1_tx_root']}")
    print(f"  block 1 receipt root     {computed['stake_block1_receipt_root']}")
    print(f"  block 1 state root       {computed['stake_block1_state_root']}")

# ----------------------------------------------------------------------------------------------------------------

EXPECTED = {
    "genesis_state_root": "c74c7a63066c9646c57d06b9368477aa9d38cc8a0997a3a65833f8a9d4e3750a",
    "genesis_hash": "dd1edc8adb6ebf9bd7ebfafcde6aca5ed85eed1b12d5fb17b693f3fa91ee4a70",
    "example_root": "db89e111d5aa3de89c7035c9f34feccc1dc848a7443b017b9f60730c90f03c65",
    "transfer_id": "6096fa5a8f5c6b961b2bf08faf9b1ac53b9576c9e31b71fd262a71baed472553",
    "block1_tx_root": "dce4b7e8b28f0dbea6fb38f4d08eb3c4fe917fbb390bfb0e896db7be2dd1470e",
    "block1_receipt_root": "ee7fd004623b5fb52aee181418ea18b2d4f7dcd00404da422df6727d92f6415f",
    "block1_state_root": "2b7592a47bdb3d55f215dcdec4bdc05429895a9dcb9d4a62489e458a03d1b3b7",
    "block1_hash": "0eccaabccbc20fd3e309f1c735f8c9c68fa25cb7f06d99526f5237f061490b08",
    "stake_id": "cea51b32796f0860af7f75643360f109c4e2c1e5d66bb5593ab6729f9e77bdb8",
    "stake_block1_tx_root": "fae999cc324288e5b76db421aed2e8e696fda758f2b4fae9b3a06e0a91be6518",
    "stake_block1_receipt_root": "563e38d8dce0a72b91eb7358aae6080ffe04d3ac886ca9bdf46d584c03a32537",
    "stake_block1_state_root": "0587172b4b2b3cf503e7248a490e56baf5202ef51e2e6ffda3d7ce5a27a3aace",
}
# Further computed values that PROTOCOL.md quotes in full; --check looks for each in the document.
DOCUMENTED = {}
# Computed only with the `cryptography` package (Ed25519 signing).
NEEDS_ED25519 = {"transfer_id", "block1_tx_root", "block1_receipt_root", "block1_state_root", "block1_hash",
                 "stake_id", "stake_block1_tx_root", "stake_block1_receipt_root", "stake_block1_state_root"}

def main():
    args = sys.argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    genesis_path = args[args.index("--genesis") + 1] if "--genesis" in args else os.path.join(here, "..", "genesis", "devnet.json")
    check = "--check" in args
    computed = {}

    print("== Module addresses")
    for name in MODULES:
        print(f"  {name:12} {address_text(module_address(name))}  {module_address(name).hex()}")

    print("\n== Devnet genesis")
    g = load_genesis(genesis_path)
    state = genesis_state(g)
    for k in sorted(state):
        print(f"  key {k.hex():42} value {state[k].hex()}")
    root = state_root(entries_of(state))
    header = enc_header(g["chain_id"], 0, ZERO, g["time_ms"], ZERO, ZERO, root, 0, bytes(32))
    computed["genesis_state_root"], computed["genesis_hash"] = root.hex(), H(header).hex()
    print(f"  entries      {len(state)}")
    print(f"  state root   {root.hex()}")
    print(f"  header       {header.hex()}")
    print(f"  genesis hash {H(header).hex()}")
    dev0 = key_account(parse_address("pm1r9g7t872y2jmwvw29jwwxk5n7tjgp0qem6play"))
    pool = key_account(module_address("reward_pool"))
    for name, k in [("dev0 (inclusion)", dev0), ("reward_pool (absence)", pool)]:
        proof = rpc_proof(state, k)
        verify_rpc_proof(proof, k, root)
        print(f"  pm_getAccount proof, {name}: {json.dumps(proof)}")
        if proof["value"] is None:
            for i_, sib_ in enumerate(proof["siblings"]):
                DOCUMENTED[f"{name} proof sibling {i_}"] = sib_

    print("\n== Worked state-tree example: {02: ChainTotals(1000, 0, 0, 0, 0), 03: default Parameters}")
    ex = {KEY_TOTALS: enc_totals(1000, 0, 0), KEY_PARAMETERS: enc_parameters(DEFAULT_PARAMETERS)}
    ent = entries_of(ex)
    for k, v in sorted(ex.items(), key=lambda kv: H(kv[0])):
        print(f"  key {k.hex()} value {v.hex()}\n    keyHash   {H(k).hex()}  (first byte {H(k)[0]:08b})"
              f"\n    valueHash {H(v).hex()}\n    leaf hash {leaf_hash(H(k), H(v)).hex()}")
    nodes = {}
    ex_root = subtree(sorted(ent.items()), 0, nodes)
    for p in sorted(nodes):
        n = nodes[p]
        h = leaf_hash(n[1], n[2]) if n[0] == "leaf" else internal_hash(n[1], n[2])
        print(f"  node storage key {p.hex()}\n    {n[0]:8} {n[1].hex()} {n[2].hex()}\n    hash     {h.hex()}")
    print(f"  root {ex_root.hex()}")
    DOCUMENTED["example parameters record"] = ex[KEY_PARAMETERS].hex()
    for k_, v_ in ex.items():
        DOCUMENTED[f"example value hash of {k_.hex()}"] = H(v_).hex()
    for p_, n_ in nodes.items():
        DOCUMENTED[f"example node {p_.hex()}"] = (leaf_hash(n_[1], n_[2]) if n_[0] == "leaf" else internal_hash(n_[1], n_[2])).hex()
    computed["example_root"] = ex_root.hex()
    k = H(KEY_PARAMETERS)
    sib, term = make_proof(ent, k)
    print(f"  inclusion proof of key 03: siblings {[s.hex() for s in sib]}; leaf {term[0].hex()} {term[1].hex()}")
    assert verify_inclusion(k, H(ex[KEY_PARAMETERS]), sib, term, ex_root)
    absent = H(KEY_VALIDATORS)
    sib2, term2 = make_proof(ent, absent)
    print(f"  absence proof of key 04 (keyHash {absent.hex()}): siblings {[s.hex() for s in sib2]};"
          f" terminal {'empty' if term2 is None else term2[0].hex() + ' ' + term2[1].hex()}")
    assert verify_absence(absent, sib2, term2, ex_root)
    assert not verify_absence(k, sib, term, ex_root) and not verify_inclusion(absent, H(b""), sib2, term2, ex_root)

    print("\n== Merkle list")
    items = [H(bytes([i])) for i in range(3)]
    print(f"  items H(00), H(01), H(02); root {merkle_list(items).hex()}")

    transfer_vector(g, state, computed)
    stake_vector(g, state, computed)

    if check:
        skipped = [k for k in EXPECTED if k not in computed and k in NEEDS_ED25519]
        if skipped:
            print(f"\nnot checked (needs the cryptography package): {', '.join(skipped)}")
        bad = [k for k, v in EXPECTED.items() if k not in skipped and computed.get(k) != v]
        for k in bad:
            print(f"MISMATCH {k}: computed {computed.get(k)}, expected {EXPECTED[k]}", file=sys.stderr)
        doc = open(os.path.join(here, "..", "docs", "PROTOCOL.md")).read()
        missing = [k for k, v in list(EXPECTED.items()) + list(DOCUMENTED.items()) if v not in doc]
        for k in missing:
            print(f"NOT IN PROTOCOL.md {k}: {EXPECTED.get(k) or DOCUMENTED.get(k)}", file=sys.stderr)
        if bad or missing:
            sys.exit(1)
        print("\nall checked values match PROTOCOL.md")

if __name__ == "__main__":
    main()
