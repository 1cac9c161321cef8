#!/usr/bin/env python3
"""Independent re-implementation of the Proofmint encodings, roots and proofs (docs/PROTOCOL.md), written from the
spec with nothing but the Python standard library (Ed25519 included: scripts/proofmint_model.py, the definitions it
shares with scripts/golden_chain_model.py). It shares no code with the Swift implementation.

It prints:
  * the module account addresses;
  * the devnet genesis state writes, state root and genesis block hash, recomputed from genesis/devnet.json, and
    two pm_getAccount proofs (JSON form) under that root, verified the way a wallet does;
  * the worked state-tree example of PROTOCOL.md (nodes, root, an inclusion proof and an absence proof);
  * the Merkle-list example;
  * a signed transfer from dev0 to dev1, its receipt, the roots of block 1 holding only it, and that block signed
    by the devnet validator-0 key;
  * a signed stake from dev0 (tier 2, locked 4 epochs), its receipt, the new records, and the roots of block 1
    holding only it;
  * a compute receipt signed by dev1 for the provider dev0, the `submit_proof` that dev0 sends with it in block 2
    (after that stake in block 1), its `proof_accepted` event, its receipt, the new records and the roots of block 2;
    then (protocol version 3) its sampling at the end of block 3 from mix(3), epoch 0's close at block 60 and its
    settlement, capped, at the end of block 82 when every window of the receipt has closed: records and state roots;
  * the encodings of a `validate`, a `challenge`, a `resolve` and a `validator` transaction on that job;
  * the parameter registry, read from docs/PARAMETERS.md (its defaults checked against the parameters here);
  * governance (§12), after that stake in block 1: dev0 proposes to raise min_fee by one 20% step (block 2) and
    votes yes (block 3): the transactions, the `proposed` event, receipts, records and roots; then the whole cycle on
    the devnet genesis with fast governance parameters (6-block votes, a 2-block timelock): dev1 stakes and votes
    no, block 7 tallies, block 9 executes the change.

Usage:
  scripts/protocol_vectors.py [--genesis genesis/devnet.json] [--check] [--quiet]
With --check the computed values are compared with the ones PROTOCOL.md states (which were checked against
`proofmintd`; they are also kept in EXPECTED below), every quoted value (EXPECTED and DOCUMENTED) is looked up in
docs/PROTOCOL.md itself, and the script exits non-zero on any difference, naming each value that differs. It needs
no node and no network: `make test-models` runs it this way. --quiet prints only the outcome.
"""
import io, json, os, re, sys
from math import isqrt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofmint_model import *  # noqa: E402,F401,F403 (the shared definitions of PROTOCOL.md)


# The INSECURE devnet validator-0 key: it produces every block of these vectors, so it proves every beacon (§4.6).
VALIDATOR0_SEED = H(b"proofmint/insecure-dev-validator/0")

def begin_block(state, g, height):
    """§8.5: a block starts by folding its beacon into the randomness mix (0x29); returns the beacon proof."""
    return advance_mix(state, VALIDATOR0_SEED, g["chain_id"], height)


def beacon_vector(g, computed):
    """§4.6: validator-0's beacon for block 1 of the devnet: its input, the VRF proof, the output beta, the beacon
    value H(beta) and the mix after block 1 (the genesis state has none)."""
    print("\n== Beacon vector: validator-0, block 1")
    alpha = beacon_input(g["chain_id"], 1)
    proof = vrf_prove(VALIDATOR0_SEED, alpha)
    beta = vrf_verify(public_key(VALIDATOR0_SEED), alpha, proof)
    assert beta is not None and beta == vrf_output(proof)
    assert vrf_verify(public_key(VALIDATOR0_SEED), beacon_input(g["chain_id"], 2), proof) is None, "another height"
    computed["beacon1_proof"], computed["beacon1_output"] = proof.hex(), beta.hex()
    computed["beacon1_value"], computed["mix1"] = H(beta).hex(), next_mix(None, H(beta)).hex()
    DOCUMENTED["beacon input, devnet height 1"] = alpha.hex()
    print(f"  key    {public_key(VALIDATOR0_SEED).hex()}\n  input  {alpha.hex()}\n  proof  {proof.hex()}\n"
          f"  beta   {beta.hex()}\n  value  {H(beta).hex()}\n  mix 1  {computed['mix1']}")


def transfer_vector(g, state, computed):
    """dev0 -> dev1, 1 AI, fee = min_fee, nonce 0, no expiry, memo 'vector', alone in block 1."""
    print("\n== Transfer vector: dev0 -> dev1, 1 AI, fee = min_fee, nonce 0, no expiry, memo 'vector'")
    sk = SigningKey(dev_seed(0))
    pk = sk.public
    sender, recipient = address_of_key(pk), address_of_key(SigningKey(dev_seed(1)).public)
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
    beacon1 = begin_block(after, g, 1)
    for a, b in balances.items():
        if b or nonces.get(a, 0):
            after[key_account(a)] = enc_account(nonces.get(a, 0), b)
        else:
            after.pop(key_account(a), None)
    bonded = sum(b for _, b in g["bonds"])   # §10.3: the validators' bonds are staked from genesis
    after[KEY_TOTALS] = enc_totals(sum(a for _, a in g["allocations"]), shares["burn"], fee, bonded)
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
    vk = SigningKey(H(b"proofmint/insecure-dev-validator/0"))
    genesis_hash = H(enc_header(g["chain_id"], 0, ZERO, g["time_ms"], ZERO, ZERO, state_root(entries_of(state)), 0, bytes(32),
                                GENESIS_BEACON))
    timestamp = g["time_ms"] + 1000
    header = enc_header(g["chain_id"], 1, genesis_hash, timestamp, merkle_list([H(tx + sig)]), merkle_list([H(receipt)]),
                        bytes.fromhex(computed["block1_state_root"]), 1, vk.public, beacon1)
    block_sig = vk.sign(BLOCK_DOMAIN + header)
    computed["block1_hash"] = H(header).hex()
    print(f"  block 1 at timestamp {timestamp} by validator-0:\n    header    {header.hex()}\n"
          f"    hash      {H(header).hex()}\n    signature {block_sig.hex()}\n"
          f"    block     {(header + block_sig + u32(1) + tx + sig).hex()}")

def enc_stake_tx(chain_id, sender_pk, nonce, fee, expiry, amount, lock_epochs, tier, attestation):
    return (u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64)
            + u8(2) + u128(amount) + u32(lock_epochs) + u8(tier) + enc_tier_claim(attestation))

def enc_event_staked(provider, added, total, tier, locked_until):
    return u8(3) + provider + u128(added) + u128(total) + u8(tier) + u64(locked_until)

def staking_power(amount, lock_epochs, tier, reputation, jailed, k):
    """PROTOCOL.md §9.8: three floors, in order; 0 while jailed."""
    if jailed:
        return 0
    lock = [s["multiplier_bps"] for s in k["lock_steps"] if s["min_epochs"] <= lock_epochs][-1]
    return (amount * lock // 10000) * k["tier_multipliers_bps"][tier] // 10000 * (1000 + reputation) // 1000

def stake_vector(g, state, computed):
    """dev0 stakes 1000 AI at tier 2 (cpu-tee) with an attestation signed by devnet-attestor-0 (measurement
    H("proofmint/vector/attestation"), expiring at height 1,000,000), locked 4 epochs; fee = min_fee, nonce 0; alone in
    block 1 (§9.10: the attestor is in the genesis registry, max tier 4; the attestation names this chain and dev0)."""
    print("\n== Stake vector: dev0 stakes 1000 AI, tier 2 (cpu-tee, attested), lock 4 epochs, fee = min_fee, nonce 0")
    sk = SigningKey(dev_seed(0))
    pk = sk.public
    sender = address_of_key(pk)
    p, k = g["parameters"], g["parameters"]["staking"]
    fee, amount, lock, tier = p["min_fee"], 1000 * ONE, 4, 2
    measurement, expires_at = H(b"proofmint/vector/attestation"), 1_000_000
    attestor_seed = H(b"proofmint/insecure-dev-attestor/0")
    attestor = public_key(attestor_seed)
    if not any(pk == attestor and t >= tier for _, pk, t in g.get("attestors", [])):
        print("  (devnet-attestor-0 is not registered by this genesis: vector skipped)")
        return
    attestation = sign_attestation(attestor_seed, g["chain_id"], sender, tier, measurement, expires_at)
    assert verify(attestor, ATTESTATION_DOMAIN + attestation[:-64], attestation[-64:])
    DOCUMENTED["signed attestation"] = attestation.hex()
    print(f"  signed attestation ({len(attestation)} bytes) {attestation.hex()}")
    balances = dict(g["allocations"])
    for addr, bond in g["bonds"]:   # §10.3: a validator's bond left its allocation at genesis
        balances[addr] -= bond
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
    begin_block(after, g, height)
    balances[sender] -= fee + amount
    for name in ["reward_pool", "treasury", "liquidity"]:
        m = module_address(name)
        balances[m] = balances.get(m, 0) + shares[name]
    for a, b in balances.items():
        nonce = 1 if a == sender else 0
        if b or nonce:
            after[key_account(a)] = enc_account(nonce, b)
    # §9.2/§12.4: the stake write moves the quorum denominator (the total unjailed stake) by amount; governance's record
    # holds the genesis bonds' total (§10.3), or is absent and reads as (next id 1, no open proposals, total stake 0).
    bonded = sum(b for _, b in g["bonds"])
    set_stake(after, sender, enc_stake(amount, lock, locked_until, tier, (attestor, measurement, expires_at, height), 0, False))
    assert after[KEY_GOVERNANCE] == enc_governance_state(1, 0, bonded + amount)
    after[KEY_TOTALS] = enc_totals(sum(a for _, a in g["allocations"]), shares["burn"], fee, bonded + amount, 0)
    receipt = enc_receipt(tx_id, 0, fee, [enc_event_fee(sender, fee, shares),
                                          enc_event_staked(sender, amount, amount, tier, locked_until)])
    computed["stake_block1_tx_root"] = merkle_list([H(tx + sig)]).hex()
    computed["stake_block1_receipt_root"] = merkle_list([H(receipt)]).hex()
    computed["stake_block1_state_root"] = state_root(entries_of(after)).hex()
    power = staking_power(amount, lock, tier, 0, False, k)
    DOCUMENTED["stake receipt"] = receipt.hex()
    DOCUMENTED["stake record"] = after[key_stake(sender)].hex()
    DOCUMENTED["totals after the stake"] = after[KEY_TOTALS].hex()
    DOCUMENTED["governance state after the stake"] = after[KEY_GOVERNANCE].hex()
    print(f"  receipt  {receipt.hex()}")
    print(f"  stake record (key {key_stake(sender).hex()}) {after[key_stake(sender)].hex()}")
    print(f"  totals   {after[KEY_TOTALS].hex()}")
    print(f"  staking power {power} ({power / ONE} AI)")
    print(f"  block 1 transaction root {computed['stake_block1_tx_root']}")
    print(f"  block 1 receipt root     {computed['stake_block1_receipt_root']}")
    print(f"  block 1 state root       {computed['stake_block1_state_root']}")
    return after


# ----------------------------------------------------------------------------------------------------------------
# Proof of Compute (PROTOCOL.md §11)

def enc_submit_proof_tx(chain_id, sender_pk, nonce, fee, expiry, signed_receipt):
    return u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64) + u8(6) + signed_receipt

def enc_tx(chain_id, sender_pk, nonce, fee, expiry, tag, body):
    """§3.2: a transaction with payload kind `tag` and body bytes."""
    return u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64) + u8(tag) + body

def dec_account(b): return int.from_bytes(b[1:9], "big"), int.from_bytes(b[9:25], "big")
def dec_totals(b): return [int.from_bytes(b[1 + 16 * i:17 + 16 * i], "big") for i in range(6)]

def mix(state):
    """The randomness mix (§4.6, key 0x29) in `state`, the state of a block after its start folded its beacon in: what
    the end of that block samples with (absent reads as 32 zero bytes)."""
    return state.get(KEY_RANDOMNESS_MIX, ZERO)

def credit(state, addr, amount, nonce_delta=0):
    """Adds `amount` (may be negative) to an account, deleting it if it becomes empty (§6.2)."""
    nonce, balance = dec_account(state[key_account(addr)]) if key_account(addr) in state else (0, 0)
    nonce, balance = nonce + nonce_delta, balance + amount
    assert 0 <= balance < 2**128
    if nonce or balance:
        state[key_account(addr)] = enc_account(nonce, balance)
    else:
        state.pop(key_account(addr), None)

def distribute_fee(state, fee, payer, split):
    """§8.4: the shares to reward_pool, treasury, liquidity (in that order); burned and fees_paid in the totals."""
    sh = fee_shares(fee, split)
    for name in ["reward_pool", "treasury", "liquidity"]:
        credit(state, module_address(name), sh[name])
    t = dec_totals(state[KEY_TOTALS])
    t[1] += sh["burn"]
    t[2] += fee
    state[KEY_TOTALS] = enc_totals(*t)
    return enc_event_fee(payer, fee, sh)

def annual_amount(c, y):
    """§11.5: the scheduled amount of year y (1-based)."""
    return max(c["initial_annual_emission"] >> ((y - 1) // c["halving_years"]), c["terminal_annual_emission"])

def cut(amount, parts, i):
    """§11.5: part i of `amount` cut into `parts`, the remainder to the first parts."""
    return amount // parts + (1 if i < amount % parts else 0)

def scheduled(k, c, epoch_length, anchor=None):
    """§11.5 (version 2): epoch k's scheduled amount from the anchor (epoch, year, epochs left, year scheduled);
    without one, the schedule's start (0, 0, E, 0), which is version 1's formula."""
    ey = c["blocks_per_year"] // epoch_length
    a_epoch, a_year, left, done = anchor or (0, 0, ey, 0)
    off = k - a_epoch
    if off < left:
        return cut(max(annual_amount(c, a_year + 1) - done, 0), left, off)
    later = off - left
    return cut(annual_amount(c, a_year + 2 + later // ey), ey, later % ey)

def move_anchor(anchor, n, c_old, len_old, c_new, len_new):
    """§11.5: the anchor a change of the epochs per year writes, taking effect at the running epoch n."""
    e_old, e_new = c_old["blocks_per_year"] // len_old, c_new["blocks_per_year"] // len_new
    a_epoch, a_year, left, done = anchor or (0, 0, e_old, 0)
    off = n - a_epoch
    if off < left:
        rest = max(annual_amount(c_old, a_year + 1) - done, 0)
        year, left_old = a_year, left - off
        done = done + sum(cut(rest, left, i) for i in range(off))
    else:
        later = off - left
        year, i = a_year + 1 + later // e_old, later % e_old
        left_old = e_old - i
        done = sum(cut(annual_amount(c_old, year + 1), e_old, j) for j in range(i))
    return (n, year, max(left_old * e_new // e_old, 1), done)

def emission(k, c, epoch_length, minted, issued, anchor=None):
    """§11.5: epoch k's emission, clamped by the mining cap and the maximum supply."""
    return min(scheduled(k, c, epoch_length, anchor), max(c["mining_cap"] - minted, 0), max(MAX_SUPPLY - issued, 0))

def emission_anchor_vector(g, computed):
    """§11.5: the devnet schedule, epoch_length 60 -> 50 taking effect at epoch 100,000 (year 1): the anchor record,
    year 1's total kept, and year 2 starting at the same height."""
    c = g["parameters"]["compute"]
    n, old_len, new_len = 100_000, g["parameters"]["epoch_length"], 50
    anchor = move_anchor(None, n, c, old_len, c, new_len)
    record = enc_emission_anchor(*anchor)
    e_old, e_new = c["blocks_per_year"] // old_len, c["blocks_per_year"] // new_len
    before = sum(cut(annual_amount(c, 1), e_old, i) for i in range(n))   # epochs 0..n-1, closed form checked below
    assert before == anchor[3] == n * (annual_amount(c, 1) // e_old) + min(n, annual_amount(c, 1) % e_old)
    left = anchor[2]
    q, r = divmod(annual_amount(c, 1) - anchor[3], left)
    assert before + sum(scheduled(n + i, c, new_len, anchor) for i in range(left)) == annual_amount(c, 1), "year 1 kept"
    year2_start = 1 + n * old_len + left * new_len
    assert year2_start == 1 + c["blocks_per_year"], "year 2 (the next halving) starts where it did"
    computed["emission_anchor_record"] = record.hex()
    DOCUMENTED["emission anchor first share"] = f"{scheduled(n, c, new_len, anchor):,}"
    DOCUMENTED["emission anchor year 2 share"] = f"{scheduled(n + left, c, new_len, anchor):,}"
    print(f"\n== Emission anchor: epoch_length {old_len} -> {new_len} at epoch {n}")
    print(f"  anchor (epoch, year, epochs left, year scheduled) {anchor}\n  record (key 21) {record.hex()}")
    print(f"  epochs {n}..{n + left - 1} share {annual_amount(c, 1) - anchor[3]}: {q} each, {r} of them one more;"
          f" year 2 from epoch {n + left} (height {year2_start}) at {scheduled(n + left, c, new_len, anchor)}")

def slash_state(state, addr, bps, reason, h, jails):
    """§9.6: bps of the stake and of each unbonding entry burned (this vector's validator has no unbonding entries);
    reputation −= bps / 10; returns the `slashed` event."""
    s = state[key_stake(addr)]
    amount = int.from_bytes(s[1:17], "big")
    cut = amount * bps // 10000
    assert key_unbonding(addr) not in state and not jails
    rec = s[:1] + u128(amount - cut) + s[17:]
    rec = stake_with_reputation(rec, stake_reputation(rec) - min(stake_reputation(rec), bps // 10))
    set_stake(state, addr, rec)
    t = dec_totals(state[KEY_TOTALS])
    t[3] -= cut
    t[1] += cut
    state[KEY_TOTALS] = enc_totals(*t)
    return u8(6) + addr + u8(reason) + u16(bps) + u128(cut) + u128(0)

def counted_stake(state, addr, c):
    """§11.10: a member counts with its stake if unjailed and at least validator_min_stake, else 0."""
    s = state.get(key_stake(addr))
    if s is None or stake_jailed(s):
        return 0
    amount = int.from_bytes(s[1:17], "big")
    return amount if amount >= c["validator_min_stake"] else 0

def compute_members(state):
    b = state.get(KEY_COMPUTE_VALIDATORS)
    if b is None:
        return []
    r = Reader(b)
    assert r.int(1) == 1
    return [r.take(20) for _ in range(r.int(4))]

def compute_vector(g, block1, computed):
    """dev1 (consumer) signs a compute receipt for dev0 (provider, staked 1000 AI at tier 2 by the stake vector in
    block 1); dev0 submits it in block 2 (nonce 1, fee = min_fee). The end of block 3 samples it from mix(3); if it
    is assigned (to validator-0, the devnet's only compute validator), validator-0 misses its deadline and the end of
    that block slashes it and finds nobody else eligible. Epoch 0 ends at block 60; every window of the receipt has
    closed at block 2 + 80 = 82, whose end settles epoch 0 (capped at half the receipt's value)."""
    p, c = g["parameters"], g["parameters"]["compute"]
    provider_sk, consumer_sk = SigningKey(dev_seed(0)), SigningKey(dev_seed(1))
    provider_pk, consumer_pk = provider_sk.public, consumer_sk.public
    provider, consumer = address_of_key(provider_pk), address_of_key(consumer_pk)
    job_id, workload, units, quality, price = H(b"proofmint/vector/job"), "inference", 1000, 90, ONE + 333
    hashes = H(b"proofmint/vector/model"), H(b"proofmint/vector/input"), H(b"proofmint/vector/output")
    print(f"\n== Compute vector: dev1 pays dev0 {price} base units for {units} units of '{workload}' at quality {quality},"
          f" job H('proofmint/vector/job'); submitted by dev0 in block 2; epoch 0 settles once its windows close")
    height, epoch = 2, 0
    assert dec_account(block1[key_account(provider)])[0] == 1 and block1[KEY_EPOCH] == enc_epoch_state(0, 1)
    assert height < 1 + p["epoch_length"] - 1, "block 2 must not end epoch 0"
    # §11.2: the receipt (version 2) and the consumer's signature.
    receipt = enc_compute_receipt(g["chain_id"], job_id, consumer_pk, provider, epoch, workload, *hashes, units, quality, price)
    assert len(receipt) == 249
    receipt_sig = consumer_sk.sign(RECEIPT_DOMAIN + receipt)
    signed_receipt = receipt + receipt_sig
    tx = enc_submit_proof_tx(g["chain_id"], provider_pk, 1, p["min_fee"], None, signed_receipt)
    sig = provider_sk.sign(TX_DOMAIN + tx)
    tx_id = H(tx)
    DOCUMENTED["compute receipt"] = receipt.hex()
    DOCUMENTED["compute receipt signature"] = receipt_sig.hex()
    DOCUMENTED["submit_proof signed transaction"] = (tx + sig).hex()
    computed["proof_id"] = tx_id.hex()
    print(f"  job id    {job_id.hex()}\n  receipt   {receipt.hex()}\n  signature {receipt_sig.hex()}")
    print(f"  submit_proof signed {(tx + sig).hex()}\n  id        {tx_id.hex()}  ({len(tx) + 64} bytes signed)")
    # §11.3 admission checks (all pass), after §8.3's size, chain id and signature.
    assert len(tx) + 64 <= p["max_tx_bytes"] and provider != consumer and quality <= 100 and units >= 1 and workload
    assert price >= c["min_unit_price"] * units
    # §8.3: fee and nonce; §8.4: the fee split.
    after = dict(block1)
    begin_block(after, g, height)
    credit(after, provider, -p["min_fee"], nonce_delta=1)
    fee_event = distribute_fee(after, p["min_fee"], provider, p["fee_split_bps"])
    # §11.4 execution, checks in order.
    assert key_receipt(job_id) not in after
    stake = after[key_stake(provider)]
    tier, jailed = stake[29], stake_jailed(stake)
    assert not jailed and int.from_bytes(stake[1:17], "big") >= p["staking"]["min_stake"]
    assert dec_account(after[key_account(consumer)])[1] >= price
    qbps = quality_bps(c, min(quality, c["unverified_quality_max"]))
    tier_bps = p["staking"]["tier_multipliers_bps"][tier]
    weight = price * qbps * tier_bps
    fee = price * c["protocol_fee_bps"] // 10000
    vfee = price * c["validation_fee_bps"] // 10000
    closes = windows_close(c, height)
    # 1.-2. the epoch record and its indexes, the provider's work and compute hold
    record = empty_epoch_record()
    record.update(total_weight=weight, total_value=price, total_units=units, proofs=1, payments=price, protocol_fees=fee,
                  validation_fees=vfee, provider_count=1, closes_at=closes)
    work = empty_provider_work()
    work.update(weight=weight, value=price, units=units, proofs=1, earned=price - fee - vfee)
    after[key_epoch_provider(epoch, 0)] = provider
    after[key_compute_hold(provider)] = u32(1)
    after[key_epoch_receipt(epoch, 0)] = job_id
    after[key_epoch_record(epoch)] = enc_epoch_record(record)
    after[key_provider_work(provider, epoch)] = enc_provider_work(work)
    # 3.-4. the payments and the protocol fee's split
    credit(after, consumer, -price)
    credit(after, provider, price - fee - vfee)
    credit(after, module_address("validation"), vfee)
    proof_fee_event = distribute_fee(after, fee, consumer, p["fee_split_bps"])
    # 5. the receipt record, filed in the due index at its sampling height
    rr = dict(provider=provider, consumer=consumer, epoch=epoch, receipt_epoch=epoch, accepted_at=height, value=price, units=units,
              score=quality, quality_bps=qbps, tier_bps=tier_bps, weight=weight, model_hash=hashes[0], input_hash=hashes[1],
              output_hash=hashes[2], validation=PENDING_SAMPLE, validator=None, deadline=height + c["sample_delay_blocks"],
              missed=0, verdict=None, challenge_until=height + c["challenge_window_blocks"], challenge=None)
    after[key_receipt(job_id)] = enc_receipt_record(rr)
    after[key_compute_due_count(rr["deadline"])] = u32(1)
    after[key_compute_due(rr["deadline"], 0)] = job_id
    # 6. reputation
    reputation = min(1000, stake_reputation(stake) + c["reputation_per_proof"])
    set_stake(after, provider, stake_with_reputation(stake, reputation))  # same amount: S and 0x0D unchanged
    event = enc_event_proof_accepted(job_id, consumer, provider, epoch, units, qbps, tier_bps, weight, price, fee, vfee)
    tx_receipt = enc_receipt(tx_id, 0, p["min_fee"], [fee_event, event, proof_fee_event])
    DOCUMENTED["proof_accepted event"] = event.hex()
    DOCUMENTED["submit_proof receipt"] = tx_receipt.hex()
    DOCUMENTED["epoch 0 record after block 2"] = after[key_epoch_record(epoch)].hex()
    DOCUMENTED["dev0 work in epoch 0 after block 2"] = after[key_provider_work(provider, epoch)].hex()
    DOCUMENTED["receipt record after block 2"] = after[key_receipt(job_id)].hex()
    computed["proof_block2_tx_root"] = merkle_list([H(tx + sig)]).hex()
    computed["proof_block2_receipt_root"] = merkle_list([H(tx_receipt)]).hex()
    computed["proof_block2_state_root"] = state_root(entries_of(after)).hex()
    print(f"  quality_bps {qbps}, tier_bps {tier_bps}, weight {weight}, protocol fee {fee}, validation fee {vfee}, closes {closes}")
    print(f"  proof_accepted event {event.hex()}\n  receipt   {tx_receipt.hex()}")
    for k in sorted(set(after) - set(block1)) + [key_stake(provider), KEY_TOTALS]:
        print(f"  key {k.hex()} value {after[k].hex()}")
    print(f"  block 2 transaction root {computed['proof_block2_tx_root']}")
    print(f"  block 2 receipt root     {computed['proof_block2_receipt_root']}")
    print(f"  block 2 state root       {computed['proof_block2_state_root']}")

    # §11.6/§11.11: the end of block 3 samples the receipt with the mix of block 3. Every block first folds its
    # beacon into the mix (§4.6, §8.5); blocks that hold nothing and have nothing due write nothing else.
    s = dict(after)
    blocks_begun = [height]
    def run_to(target):
        for b in range(blocks_begun[0] + 1, target + 1):
            begin_block(s, g, b)
        blocks_begun[0] = target
    h = rr["deadline"]
    run_to(h)
    del s[key_compute_due_count(h)], s[key_compute_due(h, 0)]
    seed = sample_seed(mix(s), job_id)
    draw, p_bps = sample_draw(seed), sample_probability_bps(c, price)
    log = [f"block {h}: seed {seed.hex()}, draw {draw}, probability {p_bps} bps"]
    DOCUMENTED["sampling draw of block 3"] = f"`draw = {draw}`"   # the §15 text says which way the draw went
    if draw >= p_bps:
        rr.update(validation=NOT_SAMPLED, deadline=0)
        log.append("not sampled")
    else:
        members = compute_members(s)
        eligible = [(m, counted_stake(s, m, c)) for m in members if m not in (provider, consumer) and counted_stake(s, m, c) > 0]
        v = draw_validator(seed, 0, eligible)
        assert v is not None
        rr.update(validation=ASSIGNED, validator=v, deadline=h + c["validation_window_blocks"])
        s[key_compute_due_count(rr["deadline"])] = u32(1)
        s[key_compute_due(rr["deadline"], 0)] = job_id
        record["closes_at"] = max(record["closes_at"], rr["deadline"])
        log.append(f"assigned to {v.hex()} until {rr['deadline']}")
        # No verdict comes: at the end of the deadline block the validator is slashed and nobody else is eligible.
        h = rr["deadline"]
        run_to(h)
        del s[key_compute_due_count(h)], s[key_compute_due(h, 0)]
        slash_state(s, v, c["missed_validation_slash_bps"], 5, h, False)
        rr["missed"] = 1
        assert rr["missed"] <= c["max_reassignments"]
        eligible = [(m, counted_stake(s, m, c)) for m in compute_members(s) if m not in (provider, consumer, v) and counted_stake(s, m, c) > 0]
        assert not eligible
        rr.update(validation=UNVERIFIED, validator=None, deadline=0)
        log.append(f"block {h}: deadline missed, validator slashed, nobody else eligible: unverified")
    s[key_receipt(job_id)] = enc_receipt_record(rr)
    s[key_epoch_record(epoch)] = enc_epoch_record(record)
    DOCUMENTED["receipt record after sampling"] = s[key_receipt(job_id)].hex()
    # §11.6 step 2 at block 60: epoch 0 closes (team vesting, closes_at, the next epoch); the settlement waits.
    h = p["epoch_length"]
    run_to(h)
    vested = 0
    if KEY_VESTING in s:
        v_ = s[KEY_VESTING]
        beneficiary, total = v_[1:21], int.from_bytes(v_[21:37], "big")
        cliff, end, released = int.from_bytes(v_[37:45], "big"), int.from_bytes(v_[45:53], "big"), int.from_bytes(v_[53:69], "big")
        due_ = 0 if h < cliff else total if h >= end else total * h // end
        assert due_ <= released, "nothing vests before the cliff"
    record["vested"], record["closes_at"] = vested, max(record["closes_at"], h)
    s[key_epoch_record(epoch)] = enc_epoch_record(record)
    s[KEY_EPOCH] = enc_epoch_state(epoch + 1, h + 1)
    assert record["closes_at"] > h, "the settlement waits for the windows"
    computed["close_block60_state_root"] = state_root(entries_of(s)).hex()
    # §11.13 at block closes_at: start (emission and the reward pool reserved), then pay the one provider (capped).
    h = record["closes_at"]
    run_to(h)
    t = dec_totals(s[KEY_TOTALS])
    em = emission(epoch, c, p["epoch_length"], t[5], t[0])
    pool_key = key_account(module_address("reward_pool"))
    pool = dec_account(s[pool_key])[1] if pool_key in s else 0
    st = dict(started_at=h, emission=em, pool_reserved=pool, weight=record["total_weight"], paid=0, minted=0, from_pool=0,
              forfeited=0, capped=0, finished_at=None)
    share = (em + pool) * work["weight"] // st["weight"]
    ps = s[key_stake(provider)]
    cap = min(work["value"] * c["reward_cap_bps"] // 10000, int.from_bytes(ps[1:17], "big"))   # and at most the stake
    reward = min(share, cap)
    st["capped"] = share - reward
    assert not stake_jailed(ps) and int.from_bytes(ps[1:17], "big") >= p["staking"]["min_stake"]
    work.update(reward=reward, forfeited=False)
    from_pool = min(reward, pool)
    minted = reward - from_pool
    credit(s, module_address("reward_pool"), -from_pool)
    credit(s, provider, reward)
    t[0] += minted
    t[5] += minted
    s[KEY_TOTALS] = enc_totals(*t)
    st.update(paid=reward, minted=minted, from_pool=from_pool, finished_at=h)
    del s[key_compute_hold(provider)]
    record["settlement"] = st
    s[key_epoch_record(epoch)] = enc_epoch_record(record)
    s[key_provider_work(provider, epoch)] = enc_provider_work(work)
    # The cursor moves to the pruning phase; pruning waits until epoch 0 + proof_window_epochs < the running epoch.
    assert not epoch + c["proof_window_epochs"] < 1
    s[KEY_SETTLEMENT_CURSOR] = enc_settlement_cursor(epoch, 2, 0)
    computed["settle_state_root"] = state_root(entries_of(s)).hex()
    DOCUMENTED["epoch 0 record after the settlement"] = s[key_epoch_record(epoch)].hex()
    DOCUMENTED["dev0 work in epoch 0 after the settlement"] = s[key_provider_work(provider, epoch)].hex()
    DOCUMENTED["totals after the settlement"] = s[KEY_TOTALS].hex()
    DOCUMENTED["settlement height"] = f"block {h}"
    DOCUMENTED["epoch 0 share"] = f"{share:,}"
    DOCUMENTED["epoch 0 capped"] = f"{st['capped']:,}"
    for line in log:
        print("  " + line)
    print(f"  block {p['epoch_length']} (epoch 0 closes) state root {computed['close_block60_state_root']}")
    print(f"  block {h}: emission {em}, pool reserved {pool}, share {share}, cap {cap}, reward {reward}, minted {minted},"
          f" from pool {from_pool}, capped {st['capped']}")
    for k in [key_receipt(job_id), key_epoch_record(epoch), key_provider_work(provider, epoch), KEY_TOTALS, KEY_EPOCH, KEY_SETTLEMENT_CURSOR]:
        print(f"  key {k.hex()} value {s[k].hex()}")
    print(f"  block {h} state root     {computed['settle_state_root']}")
    verification_transaction_vectors(g, job_id, computed)

def verification_transaction_vectors(g, job_id, computed):
    """§11.10-§11.12 payloads, encodings only: validator-0 sends `validate` (pass, quality 90) on the vector job with
    nonce 0, dev2 `challenge`s it with nonce 0, and validator-0 votes `resolve` (uphold) with nonce 1; fee min_fee."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from devnet_accounts import dev_validator_seed
    v_sk, d2_sk = SigningKey(dev_validator_seed(0)), SigningKey(dev_seed(2))
    fee = g["parameters"]["min_fee"]
    print("\n== Verification payloads (encodings): validate, challenge, resolve on the compute vector's job")
    for name, sk, nonce, tag, body in [
            ("validate", v_sk, 0, 11, job_id + u8(VERDICTS["pass"]) + u8(90) + u16(0)),
            ("challenge", d2_sk, 0, 12, job_id),
            ("resolve", v_sk, 1, 13, job_id + u8(1)),
            ("validator", v_sk, 2, 10, u8(1))]:
        tx = enc_tx(g["chain_id"], sk.public, nonce, fee, None, tag, body)
        signed = tx + sk.sign(TX_DOMAIN + tx)
        computed[f"{name}_id"] = H(tx).hex()
        DOCUMENTED[f"{name} signed transaction"] = signed.hex()
        print(f"  {name:9} signed {signed.hex()}\n            id {H(tx).hex()}")

# ----------------------------------------------------------------------------------------------------------------
# Governance (PROTOCOL.md §12)

VOTE_OPTIONS = {"yes": 1, "no": 2, "abstain": 3}
STATUS = {"voting": 1, "passed": 2, "executed": 3, "rejected": 4, "execution_failed": 5}

class TxError(Exception):
    """A transaction error code of §8.6 (execution errors undo the transaction's writes)."""
    def __init__(self, code, why=""):
        super().__init__(f"{code} {why}")
        self.code = code

def enc_content(kind, body):
    """§12.2 ProposalContent: u8 kind tag, then the kind's fields."""
    tag = u8(KINDS.index(kind) + 1)
    if kind == "parameter_change":
        return tag + u8(len(body)) + b"".join(string(name) + u128(value) for name, value in body)
    if kind == "treasury_spend":
        recipient, amount, source = body
        return tag + recipient + u128(amount) + string(source)
    if kind == "upgrade":
        name, height = body
        return tag + string(name) + u64(height)
    if kind == "slash":
        provider, reason, bps = body
        return tag + provider + u8(reason) + u16(bps)
    title, document_hash = body
    return tag + string(title) + document_hash

def enc_propose_tx(chain_id, sender_pk, nonce, fee, expiry, deposit, kind, body):
    return (u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64)
            + u8(7) + u128(deposit) + enc_content(kind, body))

def enc_vote_tx(chain_id, sender_pk, nonce, fee, expiry, proposal, option):
    return (u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64)
            + u8(8) + u64(proposal) + u8(VOTE_OPTIONS[option]))

TALLY_SUMS = ["yes", "no", "abstain", "yes_stake", "no_stake", "abstain_stake", "participation_stake", "total_stake"]

def enc_tally(t):
    return (b"".join(u128(t[k]) for k in TALLY_SUMS)
            + u8(1 if t["quorum_reached"] else 0) + u8(1 if t["passed"] else 0))

def enc_proposal(p):
    return (u8(2) + u64(p["id"]) + p["proposer"] + enc_content(p["kind"], p["body"]) + u128(p["deposit"])
            + u64(p["submit_height"]) + u64(p["voting_end_height"]) + u8(STATUS[p["status"]]) + u32(p["voter_count"])
            + optional(p["tally"], enc_tally) + optional(p["execute_height"], u64)
            + u16(p["failure_code"]))

def enc_upgrade_plan(name, height, proposal): return u8(1) + string(name) + u64(height) + u64(proposal)
def enc_event_proposed(pid, proposer, kind, deposit, voting_end):
    return u8(9) + u64(pid) + proposer + u8(KINDS.index(kind) + 1) + u128(deposit) + u64(voting_end)
def enc_event_voted(pid, voter, option): return u8(10) + u64(pid) + voter + u8(VOTE_OPTIONS[option])

def dec_governance_state(b):
    """0x0D (version 2); absent reads as (next id 1, no open proposals, total stake 0)."""
    if b is None:
        return {"next": 1, "open": 0, "total_stake": 0}
    r = Reader(b)
    assert r.int(1) == 2
    g = {"next": r.int(8), "open": r.int(4), "total_stake": r.int(16)}
    r.done()
    return g

def dec_proposal(b):
    r = Reader(b)
    assert r.int(1) == 2
    p = {"id": r.int(8), "proposer": r.take(20)}
    p["kind"], p["body"] = dec_content(r)
    p.update(deposit=r.int(16), submit_height=r.int(8), voting_end_height=r.int(8))
    p["status"] = {v: k for k, v in STATUS.items()}[r.int(1)]
    p["voter_count"] = r.int(4)
    p["tally"] = None
    if r.int(1):
        p["tally"] = dict(zip(TALLY_SUMS, [r.int(16) for _ in TALLY_SUMS]))
        p["tally"].update(quorum_reached=r.int(1) == 1, passed=r.int(1) == 1)
    p["execute_height"] = r.int(8) if r.int(1) else None
    p["failure_code"] = r.int(2)
    r.done()
    assert enc_proposal(p) == b
    return p

def staked_of(state, addr):
    """§12.4: the active stake that counts: the Stake record's amount, 0 if there is none or it is jailed."""
    s = state.get(key_stake(addr))
    return 0 if s is None or stake_jailed(s) else int.from_bytes(s[1:17], "big")

def voting_power(state, addr, minimum_stake):
    """§12.4: isqrt(balance) + 2 isqrt(staked), or 0 below minimum_stake of unjailed stake."""
    staked = staked_of(state, addr)
    if staked < minimum_stake:
        return 0
    balance = dec_account(state[key_account(addr)])[1] if key_account(addr) in state else 0
    return isqrt(balance) + 2 * isqrt(staked)

def set_stake(state, addr, record):
    """§9.2/§12.4: writes a Stake record (None or empty deletes it) and moves the quorum denominator T (the total
    unjailed stake) by the change of its unjailed amount; 0x0D is written only if that changes."""
    before = staked_of(state, addr)
    if record is None or (int.from_bytes(record[1:17], "big") == 0 and stake_reputation(record) == 0 and not stake_jailed(record)):
        state.pop(key_stake(addr), None)
        after_record = None
    else:
        state[key_stake(addr)] = after_record = record
    q0 = before
    q1 = 0 if after_record is None or stake_jailed(after_record) else int.from_bytes(after_record[1:17], "big")
    if q0 != q1:
        gs = dec_governance_state(state.get(KEY_GOVERNANCE))
        gs["total_stake"] = max(gs["total_stake"] + q1 - q0, 0)
        state[KEY_GOVERNANCE] = enc_governance_state(gs["next"], gs["open"], gs["total_stake"])

def schedule_due(state, pid, height):
    """§12.7: adds pid to the due index entry of height (ascending, no repeats)."""
    ids = []
    if key_due(height) in state:
        r = Reader(state[key_due(height)])
        assert r.int(1) == 1
        ids = [r.int(8) for _ in range(r.int(4))]
        r.done()
    state[key_due(height)] = enc_due(sorted(set(ids) | {pid}))

def change_slash_hold(state, addr, delta):
    """§9.5: the hold counter of addr (a u32, deleted at 0)."""
    n = int.from_bytes(state.get(key_slash_hold(addr), b"\0\0\0\0"), "big") + delta
    if n > 0:
        state[key_slash_hold(addr)] = u32(n)
    else:
        state.pop(key_slash_hold(addr), None)

# --- The parameter registry: the names, bounds and units of docs/PARAMETERS.md (read from that page) ------------

def load_registry(path):
    """[(name, minimum, maximum)] in the page's order; amounts are written "x AI". Checks that the page's defaults
    are DEFAULT_PARAMETERS and that it names every parameter except staking.lock_steps."""
    rows = []
    value = lambda t: parse_amount(t.replace(" AI", "AI")) if t.endswith("AI") else int(t)
    for line in open(path):
        m = re.match(r"\| `([a-z0-9_.]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", line)
        if m:
            name, default, lo, hi = m.group(1), value(m.group(3).strip()), value(m.group(4).strip()), value(m.group(5).strip())
            assert param_get(DEFAULT_PARAMETERS, name) == default and lo <= default <= hi, name
            rows.append((name, lo, hi))
    def leaves(node, prefix):
        if isinstance(node, dict):
            return [x for k, v in node.items() for x in leaves(v, f"{prefix}{k}.")]
        if isinstance(node, list) and all(isinstance(v, int) for v in node):
            return [f"{prefix}{i}" for i in range(len(node))]
        return [prefix[:-1]]
    assert sorted(r[0] for r in rows) == sorted(n for n in leaves(DEFAULT_PARAMETERS, "") if n != "staking.lock_steps")
    return rows

def param_path(params, name):
    """The container and index of a registry name in the parameters dict (names are the genesis file's)."""
    parts = name.split(".")
    node = params
    for part in parts[:-1]:
        node = node[part]
    last = parts[-1]
    return node, (int(last) if isinstance(node, list) else last)

def param_get(params, name):
    node, i = param_path(params, name)
    return node[i]

def param_set(params, name, value):
    node, i = param_path(params, name)
    node[i] = value

def parameter_problems(p):
    """The consistency rules of §10.2 and §12.9 on a parameter set (the genesis file's and every change's)."""
    k, c, g = p["staking"], p["compute"], p["governance"]
    steps = k["lock_steps"]
    rules = [
        p["min_fee"] >= 1, 256 <= p["max_tx_bytes"] <= 1 << 20, p["max_block_transactions"] >= 1,
        p["max_tx_bytes"] <= p["max_block_bytes"] <= 64 << 20, sum(p["fee_split_bps"].values()) == 10000,
        p["epoch_length"] >= 1,
        k["min_stake"] >= 1, k["unstake_burn_bps"] <= 10000, 1 <= len(steps) <= 8, steps[0]["min_epochs"] == 0,
        all(a["min_epochs"] < b["min_epochs"] for a, b in zip(steps, steps[1:])),
        all(10000 <= s["multiplier_bps"] <= 50000 for s in steps), len(k["tier_multipliers_bps"]) == 5,
        all(10000 <= t <= 50000 for t in k["tier_multipliers_bps"]), 1 <= k["max_unbonding_entries"] <= 256,
        k["slash_sla_min_bps"] <= k["slash_sla_max_bps"],
        max(k["slash_sla_max_bps"], k["slash_attestation_bps"], k["slash_malicious_bps"]) <= 10000,
        c["blocks_per_year"] >= p["epoch_length"], c["halving_years"] >= 1,
        c["terminal_annual_emission"] <= c["initial_annual_emission"], c["mining_cap"] <= MAX_SUPPLY,
        c["protocol_fee_bps"] <= 10000, 1 <= c["quality_min_bps"] <= c["quality_max_bps"] <= 50000,
        c["reputation_per_proof"] <= 1000,
        g["min_deposit"] >= 1, g["block_time_ms"] >= 1, all(1 <= g["quorum_bps"][x] <= 10000 for x in KINDS),
        all(g["voting_days"][x] >= 1 for x in KINDS), 5000 <= g["pass_threshold_bps"] <= 9999,
        1 <= g["max_change_bps"] <= 2000, 1 <= g["max_active_proposals"] <= 1000,
        k["jail_period_blocks"] >= 1, g["change_window_blocks"] >= 1,   # protocol version 2
        1 <= g["max_spend_bps"] <= 2000,
    ]
    return [i for i, ok in enumerate(rules) if not ok]

def check_changes_basic(changes, registry):
    """§12.5 admission of a parameter_change: 1-16 changes, names strictly ascending as bytes, every name known."""
    names = [n.encode() for n, _ in changes]
    known = {r[0] for r in registry}
    if not changes or any(a >= b for a, b in zip(names, names[1:])) or any(n not in known for n, _ in changes):
        raise TxError(30, "invalid_proposal")

def apply_changes(changes, params, registry, state, h):
    """§12.8/§12.9: the parameters with `changes` applied at height h, each within its bounds and one step of its value
    at the start of its change window (0x20 ‖ name: a window still open at h, else a new one starting at h with the
    value in `params`); returns (parameters, {key: window record} of the windows that start here)."""
    check_changes_basic(changes, registry)
    bounds = {name: (lo, hi) for name, lo, hi in registry}
    updated = json.loads(json.dumps(params))
    g = params["governance"]
    windows = {}
    for name, value in changes:
        lo, hi = bounds[name]
        if not lo <= value <= hi:
            raise TxError(143, "parameter_out_of_bounds")
        stored = state.get(key_parameter_window(name))
        start = None if stored is None else int.from_bytes(stored[1:9], "big")
        if start is not None and h < start + g["change_window_blocks"]:
            base = int.from_bytes(stored[9:25], "big")
        else:
            base = param_get(params, name)
            windows[key_parameter_window(name)] = enc_parameter_window(h, base)
        step = max(base * g["max_change_bps"] // 10000, 1)
        if abs(value - base) > step:
            raise TxError(144, "parameter_change_too_large")
        param_set(updated, name, value)
    if parameter_problems(updated):
        raise TxError(145, "parameters_invalid")
    return updated, windows

def voting_blocks(g, kind):
    """§12.9: max(floor(days x 86,400,000 / block_time_ms), 1)."""
    return min(max(g["voting_days"][kind] * 86_400_000 // g["block_time_ms"], 1), 2**64 - 1)

# --- The two transactions and the end-of-block step -------------------------------------------------------------

def check_propose_basic(kind, body, registry):
    """§12.5 admission (codes 30 and 4), before the fee is charged."""
    if kind == "parameter_change":
        check_changes_basic(body, registry)
    elif kind == "treasury_spend" and body[1] == 0:
        raise TxError(4, "zero_amount")
    elif kind == "treasury_spend" and body[2] not in SPEND_SOURCES:
        raise TxError(30, "invalid_proposal")
    elif kind == "upgrade" and not re.fullmatch(r"[a-z0-9_.-]+", body[0]):
        raise TxError(30, "invalid_proposal")
    elif kind == "slash" and not 1 <= body[2] <= 10000:
        raise TxError(30, "invalid_proposal")
    elif kind == "text" and not body[0]:
        raise TxError(30, "invalid_proposal")

def execute_propose(state, params, h, proposer, deposit, kind, body, registry):
    """§12.5 execution: the checks in order, then the writes; returns the events after fee_paid."""
    g = params["governance"]
    if deposit < g["min_deposit"]:
        raise TxError(140)
    if voting_power(state, proposer, 0) < g["min_proposer_power"]:
        raise TxError(141)
    gs = dec_governance_state(state.get(KEY_GOVERNANCE))
    if gs["open"] >= g["max_active_proposals"]:
        raise TxError(142)
    voting_end = h + voting_blocks(g, kind) - 1
    if voting_end >= 2**64 or gs["next"] == 2**64 - 1:
        raise TxError(101)
    if kind == "parameter_change":
        apply_changes(body, params, registry, state, h)   # a check only: nothing is written at proposal
    if kind == "upgrade" and (voting_end + g["timelock_blocks"] >= 2**64 or body[1] <= voting_end + g["timelock_blocks"]):
        raise TxError(146)
    if dec_account(state[key_account(proposer)])[1] < deposit:
        raise TxError(100)
    credit(state, proposer, -deposit)
    credit(state, module_address("governance"), deposit)
    pid = gs["next"]
    state[KEY_GOVERNANCE] = enc_governance_state(pid + 1, gs["open"] + 1, gs["total_stake"])
    state[key_proposal(pid)] = enc_proposal({
        "id": pid, "proposer": proposer, "kind": kind, "body": body, "deposit": deposit, "submit_height": h,
        "voting_end_height": voting_end, "status": "voting", "voter_count": 0, "tally": None, "execute_height": None,
        "failure_code": 0})
    schedule_due(state, pid, voting_end)
    if kind == "slash":
        change_slash_hold(state, body[0], +1)
    return [enc_event_proposed(pid, proposer, kind, deposit, voting_end)]

def execute_vote(state, params, h, voter, pid, option):
    """§12.6 execution."""
    if key_proposal(pid) not in state:
        raise TxError(147)
    p = dec_proposal(state[key_proposal(pid)])
    if p["status"] != "voting" or h > p["voting_end_height"]:
        raise TxError(148)
    if staked_of(state, voter) < params["governance"]["voter_min_stake"]:
        raise TxError(149)
    if key_vote(pid, voter) not in state:   # no cap (version 2): the voter gets the next index record
        state[key_voter(pid, p["voter_count"])] = voter
        p["voter_count"] += 1
        state[key_proposal(pid)] = enc_proposal(p)
    state[key_vote(pid, voter)] = u8(VOTE_OPTIONS[option])
    return [enc_event_voted(pid, voter, option)]

def tally(state, params, p, total_stake):
    """§12.7: the voters from their index records; power and stake read now; votes of accounts below voter_min_stake
    lapse. Both majorities (quadratic power and linear stake) must pass; the quorum is linear stake."""
    g = params["governance"]
    sums = {k: 0 for k in TALLY_SUMS[:6]}
    names = {v: k for k, v in VOTE_OPTIONS.items()}
    for n in range(p["voter_count"]):
        voter = state[key_voter(p["id"], n)]
        staked = staked_of(state, voter)
        if key_vote(p["id"], voter) not in state or staked < g["voter_min_stake"]:
            continue
        option = names[state[key_vote(p["id"], voter)][0]]
        sums[option] += voting_power(state, voter, g["voter_min_stake"])
        sums[option + "_stake"] += staked
    participation = sums["yes_stake"] + sums["no_stake"] + sums["abstain_stake"]
    quorum = total_stake > 0 and participation * 10000 >= total_stake * g["quorum_bps"][p["kind"]]
    majority = lambda yes, no: yes + no > 0 and yes * 10000 > (yes + no) * g["pass_threshold_bps"]
    passed = quorum and majority(sums["yes"], sums["no"]) and majority(sums["yes_stake"], sums["no_stake"])
    return {**sums, "participation_stake": participation, "total_stake": total_stake, "quorum_reached": quorum,
            "passed": passed}

def check_spend(state, params, source, amount, h):
    """§12.8 the spend bound (protocol version 2): the source's window (0x22 ‖ name) while h < start +
    change_window_blocks, else a new one at h at the source's balance now; the spent total may reach at most
    balance_at_start × max_spend_bps / 10000 (152). Returns the window record the spend leaves."""
    g = params["governance"]
    stored = state.get(key_spend_window(source))
    start, base, spent = (None, 0, 0)
    if stored is not None:
        start, base, spent = int.from_bytes(stored[1:9], "big"), int.from_bytes(stored[9:25], "big"), int.from_bytes(stored[25:41], "big")
    if start is None or h >= start + g["change_window_blocks"]:
        start, spent = h, 0
        base = dec_account(state[key_account(module_address(source))])[1] if key_account(module_address(source)) in state else 0
    if spent + amount > base * g["max_spend_bps"] // 10000:
        raise TxError(152)
    return enc_spend_window(start, base, spent + amount)

def execute_proposal(chain, p):
    """§12.8: the effect, against the parameters in force now (an earlier execution at this block's end may have
    changed them); an impossible one is recorded as execution_failed and changes nothing."""
    state = chain.state
    try:
        if p["kind"] == "parameter_change":
            chain.params, windows = apply_changes(p["body"], chain.params, chain.registry, state, chain.height + 1)
            state[KEY_PARAMETERS] = enc_parameters(chain.params)
            state.update(windows)
        elif p["kind"] == "treasury_spend":
            recipient, amount, source = p["body"]
            window = check_spend(state, chain.params, source, amount, chain.height + 1)
            balance = dec_account(state[key_account(module_address(source))])[1]
            if balance < amount:
                raise TxError(151)
            credit(state, module_address(source), -amount)
            credit(state, recipient, amount)
            state[key_spend_window(source)] = window
        elif p["kind"] == "upgrade":
            state[KEY_UPGRADE] = enc_upgrade_plan(p["body"][0], p["body"][1], p["id"])
        elif p["kind"] == "slash":
            raise NotImplementedError("slash execution is not modelled by this script")
        p["status"] = "executed"
    except TxError as e:
        p["status"], p["failure_code"] = "execution_failed", e.code

def governance_end_block(chain, params, h):
    """§12.7: after the epoch step; `params` are the block's (read at its start). Only the ids of the due index entry
    of height h, which is deleted."""
    state = chain.state
    if key_due(h) not in state:
        return
    r = Reader(state.pop(key_due(h)))
    assert r.int(1) == 1
    due = [r.int(8) for _ in range(r.int(4))]
    r.done()
    for pid in due:
        if key_proposal(pid) not in state:
            continue
        p = dec_proposal(state[key_proposal(pid)])
        was_open = p["status"] in ("voting", "passed")
        if p["status"] == "voting" and h >= p["voting_end_height"]:
            total_stake = dec_governance_state(state.get(KEY_GOVERNANCE))["total_stake"]
            p["tally"] = tally(state, params, p, total_stake)
            credit(state, module_address("governance"), -p["deposit"])
            if p["tally"]["passed"]:
                p["status"] = "passed"
                p["execute_height"] = min(h + params["governance"]["timelock_blocks"], 2**64 - 1)
                credit(state, p["proposer"], p["deposit"])
            else:
                p["status"] = "rejected"
                t = dec_totals(state[KEY_TOTALS])
                t[1] += p["deposit"]
                state[KEY_TOTALS] = enc_totals(*t)
        if p["status"] == "passed":
            if h >= p["execute_height"]:
                execute_proposal(chain, p)
            else:
                schedule_due(state, pid, p["execute_height"])
        state[key_proposal(pid)] = enc_proposal(p)
        if was_open and p["status"] not in ("voting", "passed"):
            gs = dec_governance_state(state.get(KEY_GOVERNANCE))
            state[KEY_GOVERNANCE] = enc_governance_state(gs["next"], max(gs["open"] - 1, 0), gs["total_stake"])
            if p["kind"] == "slash":
                change_slash_hold(state, p["body"][0], -1)

def check_attestation(state, params, h, provider, tier, signed):
    """§9.10's checks 3-10 of a SignedAttestation; returns the TierProof the stake keeps."""
    r = Reader(signed)
    assert r.int(1) == 1
    attestor = r.take(32)
    chain_id = r.take(r.int(4)).decode()
    who, att_tier, measurement, expires_at = r.take(20), r.int(1), r.take(32), r.int(8)
    sig = r.take(64)
    if att_tier != tier: raise TxError(181)
    if chain_id != params.get("chain_id", chain_id): raise TxError(182)
    if who != provider: raise TxError(183)
    if h > expires_at: raise TxError(185)
    record = state.get(key_attestor(attestor))
    if record is None: raise TxError(186)
    name_len = int.from_bytes(record[1:5], "big")
    max_tier, revoked = record[5 + name_len], record[14 + name_len]
    if revoked: raise TxError(187)
    if tier > max_tier: raise TxError(188)
    if not verify(attestor, ATTESTATION_DOMAIN + signed[:-64], sig): raise TxError(184)
    return (attestor, measurement, expires_at, h)

def execute_stake(state, params, h, provider, amount, lock_epochs, tier, attestation):
    """§9.3 for an account without a stake record (all this script needs), with §9.10's checks of a signed attestation."""
    assert key_stake(provider) not in state and amount >= params["staking"]["min_stake"]
    if dec_account(state[key_account(provider)])[1] < amount:
        raise TxError(100)
    locked_until = min(h + lock_epochs * params["epoch_length"], 2**64 - 1)
    proof = attestation
    if attestation is not None and len(attestation) > 32:
        proof = check_attestation(state, params, h, provider, tier, attestation)
    credit(state, provider, -amount)
    set_stake(state, provider, enc_stake(amount, lock_epochs, locked_until, tier, proof, 0, False))
    t = dec_totals(state[KEY_TOTALS])
    t[3] += amount
    state[KEY_TOTALS] = enc_totals(*t)
    return [enc_event_staked(provider, amount, amount, tier, locked_until)]

class Chain:
    """A state, the parameters in force (the decoded 0x03 record) and a height; `block` runs §8 on it."""
    def __init__(self, g, state, height, registry):
        self.g, self.state, self.height, self.registry = g, dict(state), height, registry
        self.params = json.loads(json.dumps(g["parameters"]))
        assert enc_parameters(self.params) == self.state[KEY_PARAMETERS]

    def block(self, txs):
        """txs: [(signed bytes, sender address, fee, execute(state, params, h) -> events)], all admissible. Returns
        (transaction root, receipts); the state, parameters and height move on to the block's."""
        h, params = self.height + 1, json.loads(json.dumps(self.params))
        begin_block(self.state, self.g, h)
        receipts = []
        for signed, sender, fee, execute in txs:
            assert fee >= params["min_fee"] and len(signed) <= params["max_tx_bytes"]
            credit(self.state, sender, -fee, nonce_delta=1)
            events = [distribute_fee(self.state, fee, sender, params["fee_split_bps"])]
            before, code = dict(self.state), 0
            try:
                events += execute(self.state, params, h)
            except TxError as e:
                self.state, code, events = before, e.code, events[:1]
            receipts.append(enc_receipt(H(signed[:-64]), code, fee, events))
        epoch = self.state[KEY_EPOCH]
        assert h < int.from_bytes(epoch[9:17], "big") + params["epoch_length"] - 1, "this model settles no epoch"
        governance_end_block(self, params, h)
        self.height = h
        return merkle_list([H(signed) for signed, _, _, _ in txs]), receipts

    def root(self): return state_root(entries_of(self.state))

# --- The vectors ------------------------------------------------------------------------------------------------

def dev_keys(index):
    sk = SigningKey(dev_seed(index))
    return sk, sk.public, address_of_key(sk.public)

def propose_min_fee(g, registry):
    """The vector's proposal: min_fee up by exactly one step (20%: 0.001 AI -> 0.0012 AI), with the minimum deposit."""
    p = g["parameters"]
    current = p["min_fee"]
    step = max(current * p["governance"]["max_change_bps"] // 10000, 1)
    body = [("min_fee", current + step)]
    check_propose_basic("parameter_change", body, registry)
    return "parameter_change", body, p["governance"]["min_deposit"]

def governance_vector(g, block1, computed, registry):
    """After the stake vector's block 1, dev0 proposes (block 2, nonce 1) to raise min_fee by one step and votes yes
    on it (block 3, nonce 2). The vote stays open until block 259,201, so nothing is tallied here."""
    sk, pk, dev0 = dev_keys(0)
    p = g["parameters"]
    kind, body, deposit = propose_min_fee(g, registry)
    fee = p["min_fee"]
    print(f"\n== Governance vector: dev0 proposes {body} with a deposit of {deposit} (block 2), then votes yes (block 3)")
    chain = Chain(g, block1, 1, registry)
    content = enc_content(kind, body)
    tx = enc_propose_tx(g["chain_id"], pk, 1, fee, None, deposit, kind, body)
    sig = sk.sign(TX_DOMAIN + tx)
    assert tx == u8(1) + string(g["chain_id"]) + pk + u64(1) + u128(fee) + b"\x00" + u8(7) + u128(deposit) + content
    power = []
    def run(s, pr, h):
        power.append(voting_power(s, dev0, 0))  # §12.5 check 2 reads the balance after the fee
        return execute_propose(s, pr, h, dev0, deposit, kind, body, registry)
    tx_root, receipts = chain.block([(tx + sig, dev0, fee, run)])
    assert receipts[0][33:35] == b"\x00\x00", "the proposal must succeed"
    computed["propose_id"] = H(tx).hex()
    computed["propose_block2_tx_root"] = tx_root.hex()
    computed["propose_block2_receipt_root"] = merkle_list([H(r) for r in receipts]).hex()
    computed["propose_block2_state_root"] = chain.root().hex()
    voting_end = 2 + voting_blocks(p["governance"], kind) - 1
    event = enc_event_proposed(1, dev0, kind, deposit, voting_end)
    DOCUMENTED["proposal content"] = content.hex()
    DOCUMENTED["propose signed transaction"] = (tx + sig).hex()
    DOCUMENTED["proposed event"] = event.hex()
    DOCUMENTED["propose receipt"] = receipts[0].hex()
    DOCUMENTED["proposal 1 after block 2"] = chain.state[key_proposal(1)].hex()
    DOCUMENTED["governance state after block 2"] = chain.state[KEY_GOVERNANCE].hex()
    DOCUMENTED["due index after block 2"] = chain.state[key_due(voting_end)].hex()
    DOCUMENTED["governance module account after block 2"] = chain.state[key_account(module_address("governance"))].hex()
    assert event in receipts[0]
    DOCUMENTED["proposer power"] = f"{power[0]:,}"
    print(f"  proposer power after the fee {power[0]} (needs {p['governance']['min_proposer_power']})")
    print(f"  content   {content.hex()}\n  signed    {(tx + sig).hex()}\n  id        {computed['propose_id']}  ({len(tx) + 64} bytes signed)")
    print(f"  proposed event {event.hex()}\n  receipt   {receipts[0].hex()}")
    for k in [key_proposal(1), KEY_GOVERNANCE, key_account(module_address("governance")), key_account(dev0), KEY_TOTALS]:
        print(f"  key {k.hex()} value {chain.state[k].hex()}")
    print(f"  block 2 transaction root {computed['propose_block2_tx_root']}")
    print(f"  block 2 receipt root     {computed['propose_block2_receipt_root']}")
    print(f"  block 2 state root       {computed['propose_block2_state_root']}")

    vote = enc_vote_tx(g["chain_id"], pk, 2, fee, None, 1, "yes")
    vote_sig = sk.sign(TX_DOMAIN + vote)
    tx_root, receipts = chain.block([(vote + vote_sig, dev0, fee, lambda s, pr, h: execute_vote(s, pr, h, dev0, 1, "yes"))])
    assert receipts[0][33:35] == b"\x00\x00"
    computed["vote_id"] = H(vote).hex()
    computed["vote_block3_tx_root"] = tx_root.hex()
    computed["vote_block3_receipt_root"] = merkle_list([H(r) for r in receipts]).hex()
    computed["vote_block3_state_root"] = chain.root().hex()
    DOCUMENTED["vote signed transaction"] = (vote + vote_sig).hex()
    DOCUMENTED["vote receipt"] = receipts[0].hex()
    DOCUMENTED["proposal 1 after block 3"] = chain.state[key_proposal(1)].hex()
    DOCUMENTED["voter 0 of proposal 1 after block 3"] = chain.state[key_voter(1, 0)].hex()
    print(f"  vote signed {(vote + vote_sig).hex()}\n  id        {computed['vote_id']}  ({len(vote) + 64} bytes signed)")
    print(f"  receipt   {receipts[0].hex()}")
    for k in [key_proposal(1), key_vote(1, dev0)]:
        print(f"  key {k.hex()} value {chain.state[k].hex()}")
    t = tally(chain.state, chain.params, dec_proposal(chain.state[key_proposal(1)]), dec_governance_state(chain.state[KEY_GOVERNANCE])["total_stake"])
    print(f"  tally if it ended now: {t}")
    print(f"  block 3 transaction root {computed['vote_block3_tx_root']}")
    print(f"  block 3 receipt root     {computed['vote_block3_receipt_root']}")
    print(f"  block 3 state root       {computed['vote_block3_state_root']}")

FAST_GOVERNANCE = {"block_time_ms": 43_200_000, "timelock_blocks": 2}

def governance_lifecycle_vector(genesis_path, computed, registry):
    """The devnet genesis with parameters.governance = FAST_GOVERNANCE (a parameter change votes for 6 blocks, then
    waits 2): dev0 stakes (block 1), proposes (2) and votes yes (3) exactly as above; dev1 stakes 100 AI (4) and
    votes no (5); block 7 tallies, block 9 executes."""
    g = load_genesis(genesis_path)
    g["parameters"]["governance"].update(FAST_GOVERNANCE)
    state = genesis_state(g)
    computed["fast_genesis_state_root"] = state_root(entries_of(state)).hex()
    print(f"\n== Governance lifecycle on the devnet genesis with \"governance\": {json.dumps(FAST_GOVERNANCE)}")
    print(f"  genesis state root {computed['fast_genesis_state_root']}")
    p = g["parameters"]
    fee = p["min_fee"]
    chain = Chain(g, state, 0, registry)
    sk0, pk0, dev0 = dev_keys(0)
    sk1, pk1, dev1 = dev_keys(1)
    signed = lambda sk, tx: tx + sk.sign(TX_DOMAIN + tx)
    attestation = sign_attestation(H(b"proofmint/insecure-dev-attestor/0"), g["chain_id"], dev0, 2,
                                   H(b"proofmint/vector/attestation"), 1_000_000)
    kind, body, deposit = propose_min_fee(g, registry)
    blocks = [
        (signed(sk0, enc_stake_tx(g["chain_id"], pk0, 0, fee, None, 1000 * ONE, 4, 2, attestation)), dev0,
         lambda s, pr, h: execute_stake(s, pr, h, dev0, 1000 * ONE, 4, 2, attestation)),
        (signed(sk0, enc_propose_tx(g["chain_id"], pk0, 1, fee, None, deposit, kind, body)), dev0,
         lambda s, pr, h: execute_propose(s, pr, h, dev0, deposit, kind, body, registry)),
        (signed(sk0, enc_vote_tx(g["chain_id"], pk0, 2, fee, None, 1, "yes")), dev0,
         lambda s, pr, h: execute_vote(s, pr, h, dev0, 1, "yes")),
        (signed(sk1, enc_stake_tx(g["chain_id"], pk1, 0, fee, None, 100 * ONE, 0, 0, None)), dev1,
         lambda s, pr, h: execute_stake(s, pr, h, dev1, 100 * ONE, 0, 0, None)),
        (signed(sk1, enc_vote_tx(g["chain_id"], pk1, 1, fee, None, 1, "no")), dev1,
         lambda s, pr, h: execute_vote(s, pr, h, dev1, 1, "no")),
    ]
    roots = {}
    for h in range(1, 10):
        txs = [(blocks[h - 1][0], blocks[h - 1][1], fee, blocks[h - 1][2])] if h <= len(blocks) else []
        tx_root, receipts = chain.block(txs)
        assert all(r[33:35] == b"\x00\x00" for r in receipts)
        roots[h] = chain.root().hex()
        if txs:
            print(f"  block {h}: transaction {H(txs[0][0][:-64]).hex()}")
        print(f"  block {h} state root {roots[h]}")
        if h == 7:
            computed["fast_block7_state_root"] = roots[h]
            DOCUMENTED["fast proposal 1 after block 7"] = chain.state[key_proposal(1)].hex()
            proposal = dec_proposal(chain.state[key_proposal(1)])
            print(f"  tally at block 7: {proposal['tally']}; status {proposal['status']}, execute at {proposal['execute_height']}")
            print(f"  key {key_proposal(1).hex()} value {chain.state[key_proposal(1)].hex()}")
            for name in ["yes", "no", "yes_stake", "no_stake", "participation_stake"]:
                DOCUMENTED[f"fast tally {name}"] = f"{proposal['tally'][name]:,}"
        if h == 9:
            computed["fast_block9_state_root"] = roots[h]
            proposal = dec_proposal(chain.state[key_proposal(1)])
            assert proposal["status"] == "executed" and chain.params["min_fee"] == body[0][1]
            DOCUMENTED["fast proposal 1 after block 9"] = chain.state[key_proposal(1)].hex()
            DOCUMENTED["fast governance state after block 9"] = chain.state[KEY_GOVERNANCE].hex()
            print(f"  status {proposal['status']}; min_fee now {chain.params['min_fee']}")
            for k in [key_proposal(1), KEY_GOVERNANCE, KEY_PARAMETERS]:
                print(f"  key {k.hex()} value {chain.state[k].hex()}")
    assert roots[5] != roots[6] and roots[7] != roots[8], "a block that tallies or executes nothing still advances the mix"

# ----------------------------------------------------------------------------------------------------------------

EXPECTED = {
    "beacon1_proof": "7f78c33310b094b8830c6bbc56a569accf138ac2c3a1f2c3fa46bd6a0e714c3070b394635ac9497c6c39b188fd7f548f1c8850e027deabb6900a30556ea17abedee3129f9970310bb1f387ab0212970e",
    "beacon1_output": "13a5d012bedaf94746829672184429018c1d5660073e414dfef84b5ae0d5b87a562052c13f2ea196ffe03890aed87499a05f7a1a3f913011dc7318ea8787da6c",
    "beacon1_value": "aa3a433951f774fefaca07bac149f7b17adc5b9a22b81570ec40c1a1f227eea9",
    "mix1": "ac49b73a84ffa077b65825e59604f80b97f3df3cf5603a8be44503505517a42b",
    "genesis_state_root": "9424eb180f65560cb44683843bad60ab07b83ef75fe5aea16a3992c7fcfc7481",
    "genesis_hash": "c48264b94d627aaebd919268c29cc8f9ffdd9b19cee4a1ad7e92cc42917ab50a",
    "example_root": "acbb8e0e32a8287fdf6b23d68233c4978a58d492ebb4600e6b7da46f526daabb",
    "transfer_id": "6096fa5a8f5c6b961b2bf08faf9b1ac53b9576c9e31b71fd262a71baed472553",
    "block1_tx_root": "dce4b7e8b28f0dbea6fb38f4d08eb3c4fe917fbb390bfb0e896db7be2dd1470e",
    "block1_receipt_root": "ee7fd004623b5fb52aee181418ea18b2d4f7dcd00404da422df6727d92f6415f",
    "block1_state_root": "da8af5c3e6f44e61a0f58024d88fc221e2657d322783fd3b122e58325896e720",
    "block1_hash": "506c27bdc95dd885d154a2f0a9232bf9c73040781d78063a238a8ac4acee3abe",
    "stake_id": "44c3eca8ed396333aa701849e5d7265d52634fa5b29086683b00ccae1b4743c3",
    "stake_block1_tx_root": "11101a5eb569af43b07589e4e88cb72363dcace9f857fbc8bf05d843cca7e995",
    "stake_block1_receipt_root": "9c4c401456bb3096c81b8cf67a3273116c8a91df1fe89d52f68770a89295b89c",
    "stake_block1_state_root": "7e0f0d501d870fd9a802e8016ff1cf3aa181ddd87363964d2770d80b7917b714",
    "proof_id": "bde62f7e8f3bfa4c2e0c112b9f0f4e9ddf7dec115c050da1b1511b42804a43de",
    "proof_block2_tx_root": "bdb9a6f597e34d6836fc0b3d32a4f330d4d5c643dc999467504487b950ec2609",
    "proof_block2_receipt_root": "38f13c02cd4314a44394e9064a0f7ae167eaf516cc779f1e5ef61642ce172b22",
    "proof_block2_state_root": "79a33498f44c68246c6ad225574a73062cc0ac2ed616509403e9ef99470245b1",
    "propose_id": "e83d20fa8880fb58ef3415c799ddddff1b37bed26e55fc612f11414e4400470d",
    "propose_block2_tx_root": "db4ee78bd4fe1f87316ca6390512ac7b1b4931d0f681cd60f4f997a1234ab54d",
    "propose_block2_receipt_root": "e06075381651fb120be7a03105d44578ab2726c78046e169e75915f862ff8143",
    "propose_block2_state_root": "afdb7b2792891939c35290626d9f7a0eae0f5aac9b77c6134edfd6714714798e",
    "vote_id": "0696dc41bccb01f27ecf11149952b1d1d9ff20c4ae20db0bc2bd950afe233aa7",
    "vote_block3_tx_root": "d5d8e8a4e1c8c385280a76246a98157698f524ac1ebfd33d5a561f01e20e15c6",
    "vote_block3_receipt_root": "591964263280ec2df341290ac8aa8f97c682db4594c3f8c7eff678f49d5f0912",
    "vote_block3_state_root": "2deba569bc89d09bb1075c08ab681c9711f118afc6faade32bdaa364eb2b56cc",
    "fast_genesis_state_root": "34bb66200e0b864e16b65f80fd3931ed8cbad11f16c43ff66ff00ee6f34247ac",
    "fast_block7_state_root": "932a6de65f6a92ddd7a3163cab541837e387b4d0be51c795bcae91a265294b3d",
    "emission_anchor_record": "0100000000000186a00000000000000000000000000007cb0000000000000fbce2c2bf95567dfc4b40",
    "fast_block9_state_root": "24b0b3c654000a59d9c23a70c4fcb5bf000663e1599449d77ccfc17e762735bb",
    "settle_state_root": "69fe9ab97c8c6e0d67a850fbba2f6897187a38ec8bc4d9870238b56e5cddf579",
    "close_block60_state_root": "18eec59ab87fb3dfffc0bfce6ac912387d284c69c9ca7ea5e9f473097943ca4e",
    "validate_id": "5c3d49655e8cf72d3c5daaa9354e44efe12d24a3785ad871cb1f147781f6c492",
    "challenge_id": "476de42a9342dbb62de8d73691690756c0dc5443c631cda62deecf006e0fed48",
    "resolve_id": "d60fccafbf6864dd00cd29d8b5a0a30a642975269809b6bfd4a226793be0101a",
    "validator_id": "4b4f7332aa7de18501af1293f47999df59ad3a171d0f29402a3f02802cfeccff",
}
# Further computed values that PROTOCOL.md quotes in full; --check looks for each in the document.
DOCUMENTED = {}

def main():
    args = sys.argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    genesis_path = args[args.index("--genesis") + 1] if "--genesis" in args else os.path.join(here, "..", "genesis", "devnet.json")
    check = "--check" in args
    computed = {}
    out = sys.stdout
    if "--quiet" in args:
        sys.stdout = io.StringIO()

    print("== Module addresses")
    for name in MODULES:
        print(f"  {name:12} {address_text(module_address(name))}  {module_address(name).hex()}")

    print("\n== Devnet genesis")
    g = load_genesis(genesis_path)
    state = genesis_state(g)
    for k in sorted(state):
        print(f"  key {k.hex():42} value {state[k].hex()}")
    root = state_root(entries_of(state))
    header = enc_header(g["chain_id"], 0, ZERO, g["time_ms"], ZERO, ZERO, root, 0, bytes(32), GENESIS_BEACON)
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

    print("\n== Worked state-tree example: {02: ChainTotals(1000, 0, 0, 0, 0, 0), 03: default Parameters}")
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

    beacon_vector(g, computed)
    transfer_vector(g, state, computed)
    block1 = stake_vector(g, state, computed)
    if block1 is not None:
        compute_vector(g, block1, computed)
    emission_anchor_vector(g, computed)
    registry = load_registry(os.path.join(here, "..", "docs", "PARAMETERS.md"))
    print(f"\n== Parameter registry (docs/PARAMETERS.md): {len(registry)} governable parameters")
    if block1 is not None:
        governance_vector(g, block1, computed, registry)
        governance_lifecycle_vector(genesis_path, computed, registry)

    sys.stdout = out
    if check:
        bad = [k for k, v in EXPECTED.items() if computed.get(k) != v]
        for k in bad:
            print(f"MISMATCH {k}: computed {computed.get(k)}, expected {EXPECTED[k]}", file=sys.stderr)
        doc = open(os.path.join(here, "..", "docs", "PROTOCOL.md")).read()
        missing = [k for k, v in list(EXPECTED.items()) + list(DOCUMENTED.items()) if v not in doc]
        for k in missing:
            print(f"NOT IN PROTOCOL.md {k}: {EXPECTED.get(k) or DOCUMENTED.get(k)}", file=sys.stderr)
        if bad or missing:
            print(f"protocol_vectors: {len(bad)} computed value(s) differ from EXPECTED, {len(missing)} value(s) not in"
                  " docs/PROTOCOL.md", file=sys.stderr)
            sys.exit(1)
        print(f"protocol_vectors: all {len(EXPECTED)} expected and {len(DOCUMENTED)} documented values match docs/PROTOCOL.md")

if __name__ == "__main__":
    main()
