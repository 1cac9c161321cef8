#!/usr/bin/env python3
"""Independent derivation of the INSECURE devnet keys, used to write genesis/devnet.json and to cross-check
the Swift wallet: BIP39 seed of anvil's public mnemonic, SLIP-10 Ed25519 path m/44'/7337'/0'/0'/i',
address = first 20 bytes of BLAKE2b-256("proofmint/address/v1" || public key), Bech32m with prefix "pm".

Usage: scripts/devnet_accounts.py [--genesis] ; needs python3 only (Ed25519, BLAKE2b and Bech32m come from
scripts/proofmint_model.py)."""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofmint_model import H, address_of_key, address_text, dev_seed, public_key  # noqa: E402

def address(pk): return address_text(address_of_key(pk))

def dev_validator_seed(index):
    return H(f"proofmint/insecure-dev-validator/{index}".encode())

def dev_attestor_seed(index):
    # INSECURE devnet attestor (protocol version 3): derived like the validator's key, so anyone can sign attestations
    # with it on a devnet (`proofmint attest --dev-attestor 0`); a real chain registers the TEE vendors' keys instead.
    return H(f"proofmint/insecure-dev-attestor/{index}".encode())

def dev_faucet_seed(index):
    # INSECURE devnet faucet (the dev reserve `pm_faucet` pays from): the node signs its transfers with this key, so
    # the faucet is an ordinary account moving its balance with ordinary transfer transactions.
    return H(f"proofmint/insecure-dev-faucet/{index}".encode())

def genesis():
    million = "1000000AI"
    allocations = [{"name": f"dev{i}", "address": address(public_key(dev_seed(i))), "amount": million} for i in range(10)]
    # validator-0's own allocation: 10,000 AI, of which its genesis bond of 100 AI (staking.min_stake) is staked and
    # slashable by double-sign evidence. The bond also counts in governance's quorum denominator, and the validator
    # does not vote: a larger devnet bond would put the quorum out of reach of a few dev accounts' stakes.
    allocations.append({"name": "validator-0", "address": address(public_key(dev_validator_seed(0))), "amount": "10000AI"})
    # The dev reserve: 10,000,000 AI of the sale's 5%, paid out by `pm_faucet` (`proofmint dev faucet`).
    allocations.append({"name": "faucet", "address": address(public_key(dev_faucet_seed(0))), "amount": "10000000AI"})
    allocations += [
        {"module": "training", "amount": "200000000AI"},
        {"module": "ecosystem", "amount": "150000000AI"},
        {"module": "treasury", "amount": "150000000AI"},
        {"module": "team", "amount": "100000000AI"},
        {"module": "public_sale", "amount": "29990000AI"},
        {"module": "liquidity", "amount": "50000000AI"},
    ]
    return {
        "comment": "Proofmint devnet. dev0-dev9 and validator-0 use INSECURE, publicly known keys: never use them outside a devnet. "
                   "Allocations follow seed 001 (training 20%, ecosystem 15%, treasury 15%, team 10%, sale 5% incl. the dev accounts "
                   "and validator-0's 10,000 AI and the faucet's 10,000,000 AI, liquidity 5%); validator-0 bonds 100 AI of its allocation as stake (slashable "
                   "by double-sign evidence); the 30% compute-mining share is minted only by Proof of Compute. The team allocation vests to "
                   "dev9 (1-year cliff, 4 years linear, in blocks of compute.blocks_per_year). devnet-attestor-0 is an INSECURE, publicly "
                   "known attestor key (seed BLAKE2b-256(\"proofmint/insecure-dev-attestor/0\")) trusted for tiers 2-4. "
                   "faucet is the dev reserve pm_faucet pays from, with the INSECURE key BLAKE2b-256(\"proofmint/insecure-dev-faucet/0\"); "
                   "\"devnet\": true turns on the devnet tools (pm_mine, time control, snapshots, the faucet) for a node started with --dev-control.",
        "devnet": True,
        "chain_id": "proofmint-devnet-1",
        "genesis_time": "2026-01-01T00:00:00Z",
        "parameters": {
            "min_fee": "1000000000000000",
            "max_tx_bytes": 4096,
            "max_block_transactions": 10000,
            "max_block_bytes": 8388608,
            "fee_split_bps": {"burn": 4000, "reward_pool": 3000, "treasury": 2000, "liquidity": 1000},
        },
        "validators": [{"name": "validator-0", "public_key": public_key(dev_validator_seed(0)).hex(), "bond": "100AI"}],
        "allocations": allocations,
        "team_vesting": {"beneficiary": address(public_key(dev_seed(9)))},
        "attestors": [{"name": "devnet-attestor-0", "public_key": public_key(dev_attestor_seed(0)).hex(), "max_tier": 4}],
    }

if __name__ == "__main__":
    if "--genesis" in sys.argv:
        print(json.dumps(genesis(), indent=2))
    else:
        for i in range(10):
            seed = dev_seed(i)
            print(f"dev{i} {address(public_key(seed))} seed={seed.hex()}")
