#!/usr/bin/env python3
"""The definitions of docs/PROTOCOL.md that the reference models share, written from the spec with nothing but the
Python standard library: BLAKE2b-256 and the canonical integer encodings (§1), Ed25519 as RFC 8032 §6 writes it
(pure Python, slow, fine for a few hundred signatures), the ECVRF of RFC 9381 on the same point arithmetic and the
block beacon and randomness mix built on it (§4.6), addresses (§2), record and key encodings (§6, §9-§12), the
genesis file (§10), the state tree and its proofs (§7), Merkle lists, headers and receipts (§4, §5).

Used by scripts/protocol_vectors.py (the vectors of §15) and scripts/golden_chain_model.py (the golden chain and
the fixture of the tests). It shares no code with the Swift implementation. `python3 scripts/proofmint_model.py`
checks the Ed25519 code against RFC 8032's first test vector and the ECVRF against RFC 9381's example 17.
"""
import hashlib, hmac, json, re
from datetime import datetime
from math import isqrt

# ----------------------------------------------------------------------------------------------------------------
# Ed25519 (RFC 8032 §6 reference; cofactorless verification as §1.3 of PROTOCOL.md requires)

_P = 2**255 - 19
_L = 2**252 + 27742317777372353535851937790883648493

def _inv(x): return pow(x, _P - 2, _P)

_D = -121665 * _inv(121666) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)

def _add(P, Q):
    A, B = (P[1] - P[0]) * (Q[1] - Q[0]) % _P, (P[1] + P[0]) * (Q[1] + Q[0]) % _P
    C, D = 2 * P[3] * Q[3] * _D % _P, 2 * P[2] * Q[2] % _P
    E, F, G, H_ = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H_ % _P, F * G % _P, E * H_ % _P)

def _mul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = _add(Q, P)
        P = _add(P, P)
        s >>= 1
    return Q

def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * _inv(_D * y * y + 1)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x

_GY = 4 * _inv(5) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)

def _compress(P):
    zi = _inv(P[2])
    x, y = P[0] * zi % _P, P[1] * zi % _P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")

def _decompress(b):
    y = int.from_bytes(b, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)

def _secret_expand(seed):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]

def public_key(seed):
    """The 32-byte Ed25519 public key of a 32-byte seed."""
    return _compress(_mul(_secret_expand(seed)[0], _G))

def sign(seed, msg):
    a, prefix = _secret_expand(seed)
    A = _compress(_mul(a, _G))
    r = int.from_bytes(hashlib.sha512(prefix + msg).digest(), "little") % _L
    R = _compress(_mul(r, _G))
    k = int.from_bytes(hashlib.sha512(R + A + msg).digest(), "little") % _L
    return R + ((r + k * a) % _L).to_bytes(32, "little")

def verify(pk, msg, sig):
    """Cofactorless: [S]B + [L-k]A must encode to exactly R, S canonical, A a valid point."""
    if len(sig) != 64 or len(pk) != 32:
        return False
    S = int.from_bytes(sig[32:], "little")
    A = _decompress(pk)
    if S >= _L or A is None:
        return False
    k = int.from_bytes(hashlib.sha512(sig[:32] + pk + msg).digest(), "little") % _L
    return _compress(_add(_mul(S, _G), _mul((_L - k) % _L, A))) == sig[:32]

class SigningKey:
    """An Ed25519 key from its seed: `.public` (32 bytes) and `.sign(msg)` (64 bytes)."""
    def __init__(self, seed):
        self.seed, self.public = seed, public_key(seed)
    def sign(self, msg): return sign(self.seed, msg)

def ed25519_self_test():
    """RFC 8032 §7.1, test 1 (the empty message)."""
    s = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    pk, sig = public_key(s), sign(s, b"")
    assert pk.hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "Ed25519 public key"
    assert sig.hex() == ("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
                         "1cf9b46bd25bf5f0595bbe24655141438e7a100b"), "Ed25519 signature"
    assert verify(pk, b"", sig) and not verify(pk, b"x", sig), "Ed25519 verification"
# ----------------------------------------------------------------------------------------------------------------
# ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381 §5, suite 0x03) on the point arithmetic above, for the block beacon (§4.6).
# As PROTOCOL.md §4.6 requires, the public key and Gamma must be canonical points of the prime-order subgroup.

_VRF_SUITE = b"\x03"
_IDENTITY = (0, 1, 1, 0)

def _is_identity(P): return _compress(P) == _compress(_IDENTITY)

def _vrf_point(b):
    """A canonical encoding of a point of the prime-order subgroup other than the identity, or None."""
    P = _decompress(b) if len(b) == 32 else None
    if P is None or _compress(P) != b or _is_identity(_mul(8, P)) or not _is_identity(_mul(_L, P)):
        return None
    return P

def _vrf_encode_to_curve(salt, alpha):
    """try-and-increment (RFC 9381 §5.4.1.1): the first counter whose hash decodes (RFC 8032) to a point not of small order."""
    for ctr in range(256):
        P = _decompress(hashlib.sha512(_VRF_SUITE + b"\x01" + salt + alpha + bytes([ctr]) + b"\x00").digest()[:32])
        if P is not None and not _is_identity(_mul(8, P)):
            return _mul(8, P)
    raise ValueError("encode_to_curve: no point in 256 tries")

def _vrf_challenge(*points):
    return int.from_bytes(hashlib.sha512(_VRF_SUITE + b"\x02" + b"".join(points) + b"\x00").digest()[:16], "little")

def _vrf_decode(proof):
    if len(proof) != 80:
        return None
    gamma, c, s = _vrf_point(proof[:32]), int.from_bytes(proof[32:48], "little"), int.from_bytes(proof[48:], "little")
    return None if gamma is None or s >= _L else (gamma, c, s)

def vrf_prove(seed, alpha):
    """The 80-byte proof Gamma ‖ c ‖ s of the Ed25519 key with this seed over alpha (RFC 9381 §5.1)."""
    x, prefix = _secret_expand(seed)
    Y = _compress(_mul(x, _G))
    H_ = _vrf_encode_to_curve(Y, alpha)
    h = _compress(H_)
    gamma = _compress(_mul(x, H_))
    k = int.from_bytes(hashlib.sha512(prefix + h).digest(), "little") % _L
    c = _vrf_challenge(Y, h, gamma, _compress(_mul(k, _G)), _compress(_mul(k, H_)))
    return gamma + c.to_bytes(16, "little") + ((k + c * x) % _L).to_bytes(32, "little")

def vrf_output(proof):
    """beta = SHA-512(0x03 ‖ 0x03 ‖ encode(8·Gamma) ‖ 0x00) (RFC 9381 §5.2), or None for a malformed proof."""
    d = _vrf_decode(proof)
    return None if d is None else hashlib.sha512(_VRF_SUITE + b"\x03" + _compress(_mul(8, d[0])) + b"\x00").digest()

_VRF_KEYS = {}   # public key -> its point (or None): a chain has few producers, and the subgroup check is the slow part

def vrf_verify(pk, alpha, proof):
    """beta if proof is pk's proof over alpha (RFC 9381 §5.3), else None."""
    if pk not in _VRF_KEYS:
        _VRF_KEYS[pk] = _vrf_point(pk)
    Y, d = _VRF_KEYS[pk], _vrf_decode(proof)
    if Y is None or d is None:
        return None
    gamma, c, s = d
    H_ = _vrf_encode_to_curve(pk, alpha)
    U = _add(_mul(s, _G), _mul(_L - c, Y))
    V = _add(_mul(s, H_), _mul(_L - c, gamma))
    return vrf_output(proof) if _vrf_challenge(pk, _compress(H_), proof[:32], _compress(U), _compress(V)) == c else None

def vrf_self_test():
    """RFC 9381 Appendix B.3, example 17 (alpha = 0x72, encode_to_curve at ctr = 1)."""
    s = bytes.fromhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
    pi = vrf_prove(s, b"\x72")
    assert pi.hex() == ("f3141cd382dc42909d19ec5110469e4feae18300e94f304590abdced48aed5933bf0864a62558b3ed7f2fea45c92a465"
                        "301b3bbf5e3e54ddf2d935be3b67926da3ef39226bbc355bdc9850112c8f4b02"), "ECVRF proof"
    beta = ("eb4440665d3891d668e7e0fcaf587f1b4bd7fbfe99d0eb2211ccec90496310eb5e33821bc613efb94db5e5b54c70a848"
            "a0bef4553a41befc57663b56373a5031")
    assert vrf_verify(public_key(s), b"\x72", pi).hex() == beta, "ECVRF verification"
    assert vrf_verify(public_key(s), b"\x73", pi) is None, "ECVRF: another input"
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

MODULES = ["treasury", "reward_pool", "liquidity", "governance", "training", "ecosystem", "team", "public_sale",
           "validation", "challenges"]   # the last two since protocol version 3

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
KEY_EPOCH, KEY_VESTING = b"\x08", b"\x0b"
KEY_GOVERNANCE, KEY_UPGRADE = b"\x0d", b"\x10"
def key_epoch_record(epoch): return b"\x09" + u64(epoch)
def key_provider_work(addr, epoch): return b"\x0a" + addr + u64(epoch)
def key_job(job_id): return b"\x0c" + job_id                        # version 1-2 only: the job marker (0x24 since 3)
def key_proposal(pid): return b"\x0e" + u64(pid)
def key_vote(pid, voter): return b"\x0f" + u64(pid) + voter
def key_voter(pid, n): return b"\x11" + u64(pid) + u32(n)          # the proposal's n-th voter (version 2)
def key_due(height): return b"\x12" + u64(height)                  # the due index (version 2)
def key_slash_hold(addr): return b"\x13" + addr                    # open slash proposals naming addr (version 2)
def key_parameter_window(name): return b"\x20" + name.encode()   # protocol version 2
KEY_EMISSION_ANCHOR = b"\x21"                                      # protocol version 2
def key_spend_window(source): return b"\x22" + source.encode()   # protocol version 2: a spend source's window
# protocol version 3 (§6.1, §11.10-§11.13)
KEY_COMPUTE_VALIDATORS = b"\x23"
def key_receipt(job_id): return b"\x24" + job_id                              # ReceiptRecord
def key_compute_due_count(height): return b"\x25" + u64(height)               # u32 count
def key_compute_due(height, i): return b"\x26" + u64(height) + u32(i)         # bytes32 job id
def key_epoch_provider(epoch, i): return b"\x27" + u64(epoch) + u32(i)        # bytes20 provider
def key_epoch_receipt(epoch, i): return b"\x28" + u64(epoch) + u32(i)         # bytes32 job id
KEY_RANDOMNESS_MIX = b"\x29"                                                  # 32 bytes (the beacon branch)
KEY_SETTLEMENT_CURSOR = b"\x2c"
def key_compute_hold(addr): return b"\x2d" + addr                             # u32 count

def enc_account(nonce, balance): return u8(1) + u64(nonce) + u128(balance)
def enc_totals(issued, burned, fees, staked=0, unbonding=0, minted=0):
    return u8(1) + u128(issued) + u128(burned) + u128(fees) + u128(staked) + u128(unbonding) + u128(minted)
def enc_staking_parameters(k):
    return (u128(k["min_stake"]) + u64(k["unbonding_period"]) + u16(k["unstake_burn_bps"]) + u32(k["max_lock_epochs"])
            + u8(len(k["lock_steps"])) + b"".join(u32(s["min_epochs"]) + u16(s["multiplier_bps"]) for s in k["lock_steps"])
            + u8(len(k["tier_multipliers_bps"])) + b"".join(u16(t) for t in k["tier_multipliers_bps"])
            + u16(k["max_unbonding_entries"]) + u16(k["slash_sla_min_bps"]) + u16(k["slash_sla_max_bps"])
            + u16(k["slash_attestation_bps"]) + u16(k["slash_malicious_bps"])
            + u64(k["jail_period_blocks"]) + u128(k["unjail_fee"]))   # protocol version 2
def enc_parameters(p):
    s = p["fee_split_bps"]
    return (u8(3) + u128(p["min_fee"]) + u32(p["max_tx_bytes"]) + u32(p["max_block_transactions"])
            + u32(p["max_block_bytes"]) + u16(s["burn"]) + u16(s["reward_pool"]) + u16(s["treasury"]) + u16(s["liquidity"])
            + u64(p["epoch_length"]) + enc_staking_parameters(p["staking"]) + enc_compute_parameters(p["compute"])
            + enc_governance_parameters(p["governance"]))
def enc_compute_parameters(c):
    return (u64(c["blocks_per_year"]) + u128(c["initial_annual_emission"]) + u64(c["halving_years"])
            + u128(c["terminal_annual_emission"]) + u128(c["mining_cap"]) + u16(c["protocol_fee_bps"])
            + u16(c["quality_min_bps"]) + u16(c["quality_max_bps"]) + u64(c["proof_window_epochs"])
            + u128(c["min_unit_price"]) + u16(c["reputation_per_proof"]) + enc_verification_parameters(c))
VERIFICATION_FIELDS = [   # §11.8, in encoding order: (name, width in bytes)
    ("sample_bps", 2), ("sample_value", 16), ("sample_delay_blocks", 8), ("validation_window_blocks", 8),
    ("max_reassignments", 1), ("validation_fee_bps", 2), ("validation_reward", 16), ("missed_validation_slash_bps", 2),
    ("false_pass_slash_bps", 2), ("validator_min_stake", 16), ("max_validators", 4), ("unverified_quality_max", 1),
    ("challenge_window_blocks", 8), ("challenge_bond", 16), ("resolution_window_blocks", 8), ("resolution_quorum_bps", 2),
    ("challenger_reward_bps", 2), ("reward_cap_bps", 2), ("settlement_batch", 4)]
def enc_verification_parameters(c):
    """VerificationParameters (protocol version 3), the tail of ComputeParameters."""
    return b"".join(c[name].to_bytes(width, "big") for name, width in VERIFICATION_FIELDS)
def enc_governance_parameters(g):
    return (u128(g["min_deposit"]) + u128(g["min_proposer_power"]) + u128(g["voter_min_stake"]) + u64(g["block_time_ms"])
            + u8(len(KINDS)) + b"".join(u16(g["quorum_bps"][k]) + u32(g["voting_days"][k]) for k in KINDS)
            + u16(g["pass_threshold_bps"]) + u64(g["timelock_blocks"]) + u16(g["max_change_bps"])
            + u32(g["max_active_proposals"]) + u64(g["change_window_blocks"]) + u16(g["max_spend_bps"]))
def enc_governance_state(next_id, open_proposals, total_stake):
    """0x0D, version 2: the open-proposal count and the total unjailed stake (linear)."""
    return u8(2) + u64(next_id) + u32(open_proposals) + u128(total_stake)
def enc_due(ids): return u8(1) + u32(len(ids)) + b"".join(u64(i) for i in ids)
def enc_validators(vs):
    return u8(1) + u32(len(vs)) + b"".join(string(name) + pk for name, pk in vs)
def enc_tier_proof(proof):
    """TierProof (§6.2, version 3): None -> 0x00; a 32-byte hash (tier 1) -> 0x01 ‖ hash; a checked attestation
    (attestor, measurement, expires_at, attested_at) (tiers 2-4) -> 0x02 ‖ bytes32 ‖ bytes32 ‖ u64 ‖ u64.
    Tags 0 and 1 are protocol 2's optional<bytes32>."""
    if proof is None: return u8(0)
    if isinstance(proof, bytes): return u8(1) + proof
    attestor, measurement, expires_at, attested_at = proof
    return u8(2) + attestor + measurement + u64(expires_at) + u64(attested_at)
def enc_stake(amount, lock_epochs, locked_until, tier, attestation, reputation, jailed, jailed_at=0):
    # version 3: field 6 is a TierProof (version 2 added the jail height after the jailed flag)
    return (u8(3) + u128(amount) + u32(lock_epochs) + u64(locked_until) + u8(tier) + enc_tier_proof(attestation)
            + u16(reputation) + u8(1 if jailed else 0) + u64(jailed_at))
# Attestations (§9.10, protocol version 3)
ATTESTATION_DOMAIN = b"proofmint/attestation/v1\x00"
def key_attestor(pk): return b"\x2a" + pk
def enc_attestor_record(name, max_tier, added_at, revoked_at=None):
    return u8(1) + string(name) + u8(max_tier) + u64(added_at) + optional(revoked_at, u64)
def enc_attestation(attestor_pk, chain_id, provider, tier, measurement, expires_at):
    return u8(1) + attestor_pk + string(chain_id) + provider + u8(tier) + measurement + u64(expires_at)
def sign_attestation(attestor_seed, chain_id, provider, tier, measurement, expires_at):
    """SignedAttestation = Attestation ‖ Ed25519 over the attestation domain ‖ Attestation."""
    a = enc_attestation(public_key(attestor_seed), chain_id, provider, tier, measurement, expires_at)
    return a + sign(attestor_seed, ATTESTATION_DOMAIN + a)
def enc_tier_claim(claim):
    """TierClaim (§3.3, version 3): None -> 0x00; a 32-byte hash -> 0x01 ‖ hash; a signed attestation (longer) -> 0x02 ‖ it."""
    if claim is None: return u8(0)
    if len(claim) == 32: return u8(1) + claim
    return u8(2) + claim
# The fixed tail of a Stake record: u16 reputation, u8 jailed, u64 jailed_at.
def stake_reputation(b): return int.from_bytes(b[-11:-9], "big")
def stake_jailed(b): return b[-9] == 1
def stake_with_reputation(b, reputation): return b[:-11] + u16(reputation) + b[-9:]
def enc_parameter_window(start_height, value_at_start): return u8(1) + u64(start_height) + u128(value_at_start)
def enc_spend_window(start_height, balance_at_start, spent): return u8(1) + u64(start_height) + u128(balance_at_start) + u128(spent)
SPEND_SOURCES = ["treasury", "ecosystem", "liquidity", "training", "public_sale"]   # §12.2 (protocol version 2)
def enc_emission_anchor(epoch, year, epochs_left, year_scheduled): return u8(1) + u64(epoch) + u64(year) + u64(epochs_left) + u128(year_scheduled)
def enc_unbonding(entries): return u8(1) + u16(len(entries)) + b"".join(u128(a) + u64(m) for a, m in entries)
def enc_epoch_state(number, start_height): return u8(1) + u64(number) + u64(start_height)
def enc_settlement(st):
    """EpochSettlement (protocol version 3, §11.13) from a dict."""
    return (u64(st["started_at"]) + b"".join(u128(st[k]) for k in ("emission", "pool_reserved", "weight", "paid", "minted",
                                                                   "from_pool", "forfeited", "capped"))
            + optional(st["finished_at"], u64))
def empty_epoch_record():
    return dict(total_weight=0, total_value=0, total_units=0, proofs=0, payments=0, protocol_fees=0, validation_fees=0,
                provider_count=0, closes_at=0, vested=0, settlement=None)
def enc_epoch_record(r):
    """EpochRecord version 2 (protocol version 3, §11.13): fixed size, providers and receipts indexed under 0x27/0x28."""
    return (u8(2) + u128(r["total_weight"]) + u128(r["total_value"]) + u128(r["total_units"]) + u64(r["proofs"])
            + u128(r["payments"]) + u128(r["protocol_fees"]) + u128(r["validation_fees"]) + u32(r["provider_count"])
            + u64(r["closes_at"]) + u128(r["vested"]) + optional(r["settlement"], enc_settlement))
def empty_provider_work(): return dict(weight=0, value=0, units=0, proofs=0, earned=0, reward=None, forfeited=False)
def enc_provider_work(w):
    """ProviderWork version 2 (protocol version 3, §11.13)."""
    return (u8(2) + u128(w["weight"]) + u128(w["value"]) + u128(w["units"]) + u64(w["proofs"]) + u128(w["earned"])
            + optional(w["reward"], u128) + u8(1 if w["forfeited"] else 0))
# ReceiptRecord.validation (§11.13)
PENDING_SAMPLE, NOT_SAMPLED, ASSIGNED, PASSED, FAILED, UNVERIFIED = 1, 2, 3, 4, 5, 6
VERDICTS = {"pass": 1, "sla_violation": 2, "attestation_failure": 3, "malicious": 4}
OPEN, UPHELD, REJECTED, LAPSED = 0, 1, 2, 3   # challenge outcomes
def enc_challenge(c):
    return (c["challenger"] + u128(c["bond"]) + u64(c["opened_at"]) + u64(c["deadline"]) + u128(c["uphold_stake"])
            + u128(c["reject_stake"]) + u32(len(c["voters"])) + b"".join(c["voters"]) + u8(c["outcome"]))
def enc_receipt_record(r):
    """ReceiptRecord version 1 at 0x24 ‖ job id (protocol version 3, §11.13)."""
    return (u8(1) + r["provider"] + r["consumer"] + u64(r["epoch"]) + u64(r["receipt_epoch"]) + u64(r["accepted_at"])
            + u128(r["value"]) + u64(r["units"]) + u8(r["score"]) + u16(r["quality_bps"]) + u16(r["tier_bps"])
            + u128(r["weight"]) + r["model_hash"] + r["input_hash"] + r["output_hash"] + u8(r["validation"])
            + optional(r["validator"], lambda a: a) + u64(r["deadline"]) + u8(r["missed"]) + optional(r["verdict"], u8)
            + u64(r["challenge_until"]) + optional(r["challenge"], enc_challenge))
def standing(r):
    """A receipt stands while its validation is not failed and its challenge not upheld (§11.13)."""
    return r["validation"] != FAILED and (r["challenge"] is None or r["challenge"]["outcome"] != UPHELD)
def enc_compute_validators(members): return u8(1) + u32(len(members)) + b"".join(sorted(members))
def enc_settlement_cursor(epoch, phase, index): return u8(1) + u64(epoch) + u8(phase) + u64(index)
def quality_bps(c, score):
    """The quality multiplier of a score (§11.4): quality_min_bps + ⌊(max − min) × score / 100⌋."""
    return c["quality_min_bps"] + (c["quality_max_bps"] - c["quality_min_bps"]) * min(score, 100) // 100
def windows_close(c, h):
    """The last height a window of a receipt accepted at h can reach (§11.4 `closes`)."""
    return min(h + max(c["sample_delay_blocks"] + c["validation_window_blocks"] * (c["max_reassignments"] + 1),
                       c["challenge_window_blocks"] + c["resolution_window_blocks"]), 2**64 - 1)
def sample_probability_bps(c, value):
    """§11.11: p_bps = min(10000, sample_bps + min(10000, ⌊value × 10000 / sample_value⌋))."""
    return min(10000, c["sample_bps"] + min(10000, value * 10000 // c["sample_value"]))
def sample_seed(mix, job_id): return H(b"proofmint/sample/v1", mix, job_id)
def sample_draw(seed): return int.from_bytes(seed[:8], "big") % 10000
def draw_validator(seed, missed, eligible):
    """§11.11: eligible = [(address, counted stake > 0)] in ascending address order; the first whose stake exceeds the
    point, the point being u128(H(seed ‖ u8 missed)[0..16]) mod Σ stake; None if there is no eligible member."""
    total = sum(s for _, s in eligible)
    if total == 0:
        return None
    point = int.from_bytes(H(seed, u8(missed))[:16], "big") % total
    for m, s in eligible:
        if point < s:
            return m
        point -= s
    return None
def enc_compute_receipt(chain_id, job_id, consumer_pk, provider, epoch, workload, model_hash, input_hash, output_hash,
                        units, quality, price):
    """ComputeReceipt version 2 (protocol version 3, §11.2)."""
    return (u8(2) + string(chain_id) + job_id + consumer_pk + provider + u64(epoch) + string(workload) + model_hash
            + input_hash + output_hash + u64(units) + u8(quality) + u128(price))
# Events of protocol version 3 (§5.3)
def enc_event_proof_accepted(job_id, consumer, provider, epoch, units, quality_bps_, tier_bps, weight, price, fee, vfee):
    return (u8(8) + job_id + consumer + provider + u64(epoch) + u64(units) + u16(quality_bps_) + u16(tier_bps) + u128(weight)
            + u128(price) + u128(fee) + u128(vfee))
def enc_event_validator_joined(v, evicted=None): return u8(30) + v + optional(evicted, lambda a: a)
def enc_event_validator_left(v): return u8(31) + v
def enc_event_verdict_given(job_id, v, verdict, quality_bps_, reward): return u8(32) + job_id + v + u8(verdict) + u16(quality_bps_) + u128(reward)
def enc_event_challenged(job_id, challenger, bond): return u8(33) + job_id + challenger + u128(bond)
def enc_event_challenge_voted(job_id, v, uphold, stake): return u8(34) + job_id + v + u8(1 if uphold else 0) + u128(stake)
def enc_event_challenge_decided(job_id, outcome, reward): return u8(35) + job_id + u8(outcome) + u128(reward)
def enc_team_vesting(beneficiary, total, cliff_height, end_height, released):
    return u8(1) + beneficiary + u128(total) + u64(cliff_height) + u64(end_height) + u128(released)

DEFAULT_STAKING = {"min_stake": 100 * ONE, "unbonding_period": 20, "unstake_burn_bps": 10, "max_lock_epochs": 520,
                   "lock_steps": [{"min_epochs": 0, "multiplier_bps": 10000}, {"min_epochs": 4, "multiplier_bps": 11000},
                                  {"min_epochs": 12, "multiplier_bps": 12500}, {"min_epochs": 52, "multiplier_bps": 15000}],
                   "tier_multipliers_bps": [10000, 12000, 15000, 18000, 20000], "max_unbonding_entries": 16,
                   "slash_sla_min_bps": 100, "slash_sla_max_bps": 500, "slash_attestation_bps": 1000,
                   "slash_malicious_bps": 10000, "jail_period_blocks": 8640, "unjail_fee": 10 * ONE}
DEFAULT_COMPUTE = {"blocks_per_year": 31_536_000, "initial_annual_emission": 100_000_000 * ONE, "halving_years": 4,
                   "terminal_annual_emission": 6_250_000 * ONE, "mining_cap": 300_000_000 * ONE,
                   "protocol_fee_bps": 30, "quality_min_bps": 8000, "quality_max_bps": 15000, "proof_window_epochs": 1,
                   "min_unit_price": ONE // 1_000_000, "reputation_per_proof": 1,
                   # protocol version 3: VerificationParameters (§11.8)
                   "sample_bps": 1000, "sample_value": 100 * ONE, "sample_delay_blocks": 1, "validation_window_blocks": 20,
                   "max_reassignments": 2, "validation_fee_bps": 50, "validation_reward": ONE // 2,
                   "missed_validation_slash_bps": 100, "false_pass_slash_bps": 1000, "validator_min_stake": 100 * ONE,
                   "max_validators": 100, "unverified_quality_max": 50, "challenge_window_blocks": 60,
                   "challenge_bond": 10 * ONE, "resolution_window_blocks": 20, "resolution_quorum_bps": 3340,
                   "challenger_reward_bps": 5000, "reward_cap_bps": 5000, "settlement_batch": 1000}
COMPUTE_AMOUNTS = {"initial_annual_emission", "terminal_annual_emission", "mining_cap", "min_unit_price",
                   "sample_value", "validation_reward", "validator_min_stake", "challenge_bond"}
# Proposal kinds, by tag 1-5 (§12.2); the governance parameters keep one quorum and one voting period per kind.
KINDS = ["parameter_change", "treasury_spend", "upgrade", "slash", "text"]
DEFAULT_GOVERNANCE = {"min_deposit": 100 * ONE, "min_proposer_power": 20_000_000_000, "voter_min_stake": 100 * ONE,
                      "block_time_ms": 1000,
                      "quorum_bps": {"parameter_change": 5100, "treasury_spend": 6000, "upgrade": 7500, "slash": 6000,
                                     "text": 5100},
                      "voting_days": {"parameter_change": 3, "treasury_spend": 7, "upgrade": 14, "slash": 7, "text": 3},
                      "pass_threshold_bps": 5000, "timelock_blocks": 86_400, "max_change_bps": 2000,
                      "max_active_proposals": 100, "change_window_blocks": 7_776_000,
                      "max_spend_bps": 1000}
GOVERNANCE_AMOUNTS = {"min_deposit", "voter_min_stake"}
DEFAULT_PARAMETERS = {"min_fee": ONE // 1000, "max_tx_bytes": 4096, "max_block_transactions": 10000,
                      "max_block_bytes": 8 << 20,
                      "fee_split_bps": {"burn": 4000, "reward_pool": 3000, "treasury": 2000, "liquidity": 1000},
                      "epoch_length": 60, "staking": DEFAULT_STAKING, "compute": DEFAULT_COMPUTE,
                      "governance": DEFAULT_GOVERNANCE}
MAX_SUPPLY = 10**9 * ONE

def fee_shares(fee, split):
    portion = lambda a, bps: (a // 10000) * bps + (a % 10000) * bps // 10000
    burn, pool, liq = portion(fee, split["burn"]), portion(fee, split["reward_pool"]), portion(fee, split["liquidity"])
    return {"burn": burn, "reward_pool": pool, "treasury": fee - burn - pool - liq, "liquidity": liq}

# ----------------------------------------------------------------------------------------------------------------
# Genesis

def load_genesis(path):
    with open(path, "rb") as f:
        return parse_genesis(f.read())

def parse_genesis(text):
    """The genesis file (§10.1), from its JSON bytes."""
    g = json.loads(text)
    params = json.loads(json.dumps(DEFAULT_PARAMETERS))
    for k, v in (g.get("parameters") or {}).items():
        if k == "staking":
            for sk, sv in v.items():
                params["staking"][sk] = parse_amount(sv) if sk in ("min_stake", "unjail_fee") else sv
        elif k == "compute":
            for ck, cv in v.items():
                params["compute"][ck] = parse_amount(cv) if ck in COMPUTE_AMOUNTS else cv
        elif k == "governance":
            # §10.1: every member optional; quorum_bps and voting_days are objects keyed by proposal kind.
            for gk, gv in v.items():
                if gk in ("quorum_bps", "voting_days"):
                    assert set(gv) <= set(KINDS), gv
                    params["governance"][gk].update(gv)
                else:
                    params["governance"][gk] = parse_amount(gv) if gk in GOVERNANCE_AMOUNTS else gv
        else:
            params[k] = parse_amount(v) if k == "min_fee" else v
    validators = [(v["name"], bytes.fromhex(v["public_key"])) for v in g["validators"]]
    allocations = []
    for a in g["allocations"]:
        addr = parse_address(a["address"]) if "address" in a else module_address(a["module"])
        allocations.append((addr, parse_amount(a["amount"])))
    # §10.1 (version 2): a validator's `bond` is taken from the allocation of its own address, at least min_stake.
    bonds = []
    for v in g["validators"]:
        if "bond" in v:
            addr, bond = address_of_key(bytes.fromhex(v["public_key"])), parse_amount(v["bond"])
            own = [a for x, a in allocations if x == addr]
            assert own and own[0] >= bond >= params["staking"]["min_stake"], f"validator {v['name']}: bond not covered"
            bonds.append((addr, bond))
    t = datetime.fromisoformat(g["genesis_time"].replace("Z", "+00:00"))
    vesting = None
    if g.get("team_vesting") is not None:
        # §10.1: the `team` allocation vests to `beneficiary`; cliff and end default to 1 and 4 years of blocks.
        v, year = g["team_vesting"], params["compute"]["blocks_per_year"]
        team = [a for addr, a in allocations if addr == module_address("team")]
        assert len(team) == 1, "team_vesting needs an allocation to the team module"
        cliff = v.get("cliff_blocks", year)
        duration = v.get("duration_blocks", min(4 * year, 2**64 - 1))
        assert 0 < duration and cliff <= duration
        vesting = (parse_address(v["beneficiary"]), team[0], cliff, duration, 0)
    # §10.1 (version 3): attestors trusted from genesis, {name, public_key, max_tier 2-4}
    attestors = [(a["name"], bytes.fromhex(a["public_key"]), a["max_tier"]) for a in g.get("attestors") or []]
    assert all(2 <= t <= 4 for _, _, t in attestors)
    return {"chain_id": g["chain_id"], "time_ms": int(t.timestamp()) * 1000, "parameters": params,
            "validators": validators, "allocations": allocations, "team_vesting": vesting, "bonds": bonds,
            "attestors": attestors}

def genesis_state(g):
    """State key -> canonical value bytes after genesis."""
    state = {}
    bonds = dict(g.get("bonds", []))
    for addr, amount in g["allocations"]:
        if amount > bonds.get(addr, 0):   # an account bonded whole is empty, so absent (§6.2)
            state[key_account(addr)] = enc_account(0, amount - bonds.get(addr, 0))
    # §10.3: each bond is a Stake (no lock, tier 0) of the validator's address, counted in `staked` and in governance's
    # total unjailed stake T = Σ bond (0x0D written only if T > 0)
    for addr, bond in g.get("bonds", []):
        state[key_stake(addr)] = enc_stake(bond, 0, 0, 0, None, 0, False)
    total = sum(b for _, b in g.get("bonds", []))
    if total:
        state[KEY_GOVERNANCE] = enc_governance_state(1, 0, total)
    state[KEY_TOTALS] = enc_totals(sum(a for _, a in g["allocations"]), 0, 0, sum(bonds.values()))
    state[KEY_PARAMETERS] = enc_parameters(g["parameters"])
    state[KEY_VALIDATORS] = enc_validators(g["validators"])
    state[KEY_EPOCH] = enc_epoch_state(0, 1)
    # §10.3 (version 3): every bonded validator whose bond is at least compute.validator_min_stake is a compute validator
    members = [addr for addr, bond in g.get("bonds", []) if bond >= g["parameters"]["compute"]["validator_min_stake"]]
    if members:
        state[KEY_COMPUTE_VALIDATORS] = enc_compute_validators(members)
    if g["team_vesting"] is not None:
        state[KEY_VESTING] = enc_team_vesting(*g["team_vesting"])
    for name, pk, max_tier in g.get("attestors", []):
        state[key_attestor(pk)] = enc_attestor_record(name, max_tier, 0)
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

GENESIS_BEACON = bytes(80)

def enc_header(chain_id, height, parent, timestamp, tx_root, receipt_root, state_root_, tx_count, producer, beacon):
    """§4.1, header version 2 (protocol version 3): the producer's 80-byte beacon proof follows its key."""
    return (u8(2) + string(chain_id) + u64(height) + parent + u64(timestamp) + tx_root + receipt_root + state_root_
            + u32(tx_count) + producer + beacon)

def scheduled_producer(validators, params, height, parent_ms, time_ms):
    """§4.4 (version 4): validators[(h − 1 + k) mod n], k = the slot timeouts between the parent's stamp and the
    block's; the timeout is 10 nominal block times of a 365-day year cut into compute.blocks_per_year blocks."""
    timeout = 10 * max(1, 31_536_000_000 // max(1, params["compute"]["blocks_per_year"]))
    skips = (time_ms - parent_ms) // timeout if time_ms > parent_ms else 0
    return validators[((height - 1) % len(validators) + skips % len(validators)) % len(validators)] if validators and height else None

def beacon_input(chain_id, height):
    """§4.6: what the producer of block `height` proves: "proofmint/beacon/v1" ‖ string(chain_id) ‖ u64(height)."""
    return b"proofmint/beacon/v1" + string(chain_id) + u64(height)

def beacon(seed, chain_id, height):
    """(proof, value): the producer's beacon proof for the height and the block's beacon value H(beta)."""
    proof = vrf_prove(seed, beacon_input(chain_id, height))
    return proof, H(vrf_output(proof))

KEY_RANDOMNESS_MIX = b"\x29"                                      # protocol version 3

def next_mix(previous, value):
    """§6.2 (0x29): mix_h = H("proofmint/mix/v1" ‖ mix_{h-1} ‖ beacon_h); an absent mix is ZERO."""
    return H(b"proofmint/mix/v1", previous or ZERO, value)

def advance_mix(state, seed, chain_id, height):
    """Folds block `height`'s beacon (produced with `seed`) into the state dict's mix, as every block does first.
    Returns the beacon proof for the header."""
    proof, value = beacon(seed, chain_id, height)
    state[KEY_RANDOMNESS_MIX] = next_mix(state.get(KEY_RANDOMNESS_MIX), value)
    return proof

def enc_transfer_tx(chain_id, sender_pk, nonce, fee, expiry, recipient, amount, memo):
    return (u8(1) + string(chain_id) + sender_pk + u64(nonce) + u128(fee) + optional(expiry, u64)
            + u8(1) + recipient + u128(amount) + var(memo))

TX_DOMAIN = b"proofmint/tx/v1\x00"
BLOCK_DOMAIN = b"proofmint/block/v1\x00"

def enc_event_transfer(frm, to, amount): return u8(1) + frm + to + u128(amount)
def enc_event_fee(payer, total, s):
    return u8(2) + payer + u128(total) + u128(s["burn"]) + u128(s["reward_pool"]) + u128(s["treasury"]) + u128(s["liquidity"])
def enc_receipt(tx_id, code, fee, events): return u8(1) + tx_id + u16(code) + u128(fee) + u32(len(events)) + b"".join(events)

RECEIPT_DOMAIN = b"proofmint/receipt/v1\x00"

def dev_seed(index):
    """SLIP-10 Ed25519 m/44'/7337'/0'/0'/index' of the public devnet mnemonic (INSECURE: devnet only)."""
    seed = hashlib.pbkdf2_hmac("sha512", b"test test test test test test test test test test test junk", b"mnemonic", 2048, 64)
    d = hmac.new(b"ed25519 seed", seed, hashlib.sha512).digest()
    key, chain = d[:32], d[32:]
    for i in [44, 7337, 0, 0, index]:
        d = hmac.new(chain, b"\x00" + key + (i | 0x80000000).to_bytes(4, "big"), hashlib.sha512).digest()
        key, chain = d[:32], d[32:]
    return key

class Reader:
    def __init__(self, b): self.b, self.i = b, 0
    def take(self, n):
        assert self.i + n <= len(self.b)
        self.i += n
        return self.b[self.i - n:self.i]
    def int(self, n): return int.from_bytes(self.take(n), "big")
    def string(self): return self.take(self.int(4)).decode("utf-8")
    def done(self): assert self.i == len(self.b)

def dec_content(r):
    kind = KINDS[r.int(1) - 1]
    if kind == "parameter_change":
        return kind, [(r.string(), r.int(16)) for _ in range(r.int(1))]
    if kind == "treasury_spend":
        return kind, (r.take(20), r.int(16), r.string())
    if kind == "upgrade":
        return kind, (r.string(), r.int(8))
    if kind == "slash":
        return kind, (r.take(20), r.int(1), r.int(2))
    return kind, (r.string(), r.take(32))

if __name__ == "__main__":
    ed25519_self_test()
    print("RFC 8032 test 1: ok")
    vrf_self_test()
    print("RFC 9381 example 17: ok")
