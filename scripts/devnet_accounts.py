#!/usr/bin/env python3
"""Independent derivation of the INSECURE devnet keys, used to write genesis/devnet.json and to cross-check
the Swift wallet: BIP39 seed of anvil's public mnemonic, SLIP-10 Ed25519 path m/44'/7337'/0'/0'/i',
address = first 20 bytes of BLAKE2b-256("proofmint/address/v1" || public key), Bech32m with prefix "pm".

Usage: scripts/devnet_accounts.py [--genesis] ; needs python3 and the `cryptography` package."""
import hashlib, hmac, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

MNEMONIC = "test test test test test test test test test test test junk"
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

def polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk

def bech32m(hrp, data):
    acc, bits, out = 0, 0, []
    for b in data:
        acc = (acc << 8) | b; bits += 8
        while bits >= 5:
            bits -= 5; out.append((acc >> bits) & 31)
    if bits: out.append((acc << (5 - bits)) & 31)
    exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    mod = polymod(exp + out + [0] * 6) ^ 0x2bc830a3
    chk = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in out + chk)

def public_key(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)

def address(pk):
    return bech32m("pm", hashlib.blake2b(b"proofmint/address/v1" + pk, digest_size=32).digest()[:20])

def dev_seed(index):
    seed = hashlib.pbkdf2_hmac("sha512", MNEMONIC.encode(), b"mnemonic", 2048, 64)
    digest = hmac.new(b"ed25519 seed", seed, hashlib.sha512).digest()
    key, chain = digest[:32], digest[32:]
    for i in [44, 7337, 0, 0, index]:
        digest = hmac.new(chain, b"\x00" + key + (i | 0x80000000).to_bytes(4, "big"), hashlib.sha512).digest()
        key, chain = digest[:32], digest[32:]
    return key

def dev_validator_seed(index):
    return hashlib.blake2b(f"proofmint/insecure-dev-validator/{index}".encode(), digest_size=32).digest()

def genesis():
    million = "1000000AI"
    allocations = [{"name": f"dev{i}", "address": address(public_key(dev_seed(i))), "amount": million} for i in range(10)]
    allocations += [
        {"module": "training", "amount": "200000000AI"},
        {"module": "ecosystem", "amount": "150000000AI"},
        {"module": "treasury", "amount": "150000000AI"},
        {"module": "team", "amount": "100000000AI"},
        {"module": "public_sale", "amount": "40000000AI"},
        {"module": "liquidity", "amount": "50000000AI"},
    ]
    return {
        "comment": "Proofmint devnet. dev0-dev9 and validator-0 use INSECURE, publicly known keys: never use them outside a devnet. "
                   "Allocations follow seed 001 (training 20%, ecosystem 15%, treasury 15%, team 10%, sale 5% incl. the dev accounts, "
                   "liquidity 5%); the 30% compute-mining share is minted only by Proof of Compute. The team allocation vests to "
                   "dev9 (1-year cliff, 4 years linear, in blocks of compute.blocks_per_year).",
        "chain_id": "proofmint-devnet-1",
        "genesis_time": "2026-01-01T00:00:00Z",
        "parameters": {
            "min_fee": "1000000000000000",
            "max_tx_bytes": 4096,
            "max_block_transactions": 10000,
            "max_block_bytes": 8388608,
            "fee_split_bps": {"burn": 4000, "reward_pool": 3000, "treasury": 2000, "liquidity": 1000},
        },
        "validators": [{"name": "validator-0", "public_key": public_key(dev_validator_seed(0)).hex()}],
        "allocations": allocations,
        "team_vesting": {"beneficiary": address(public_key(dev_seed(9)))},
    }

if __name__ == "__main__":
    if "--genesis" in sys.argv:
        print(json.dumps(genesis(), indent=2))
    else:
        for i in range(10):
            seed = dev_seed(i)
            print(f"dev{i} {address(public_key(seed))} seed={seed.hex()}")
