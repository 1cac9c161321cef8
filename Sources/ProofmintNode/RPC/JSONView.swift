import ProofmintCore

/// The JSON shapes of chain objects at the RPC edge (docs/RPC.md). Amounts are decimal strings.
enum JSONView {
    static func header(_ header: BlockHeader) -> [String: Any] {
        [
            "chain_id": header.chainId,
            "height": header.height,
            "parent_hash": header.parentHash.hex,
            "timestamp": header.timestamp,
            "transaction_root": header.transactionRoot.hex,
            "receipt_root": header.receiptRoot.hex,
            "state_root": header.stateRoot.hex,
            "transaction_count": header.transactionCount,
            "producer": header.producer.hex,
        ]
    }

    static func block(_ block: Block, full: Bool) -> [String: Any] {
        [
            "hash": block.hash.hex,
            "header": header(block.header),
            "header_hex": block.header.canonicalBytes.hex,
            "signature": block.signature.hex,
            "transactions": full ? block.transactions.map(transaction) as [Any] : block.transactions.map(\.id.hex) as [Any],
        ]
    }

    static func transaction(_ signed: SignedTransaction) -> [String: Any] {
        let tx = signed.transaction
        var object: [String: Any] = [
            "id": signed.id.hex,
            "chain_id": tx.chainId,
            "kind": tx.payload.kind.name,
            "sender": tx.senderAddress.text,
            "sender_public_key": tx.sender.bytes.hex,
            "nonce": tx.nonce,
            "fee": String(tx.fee),
            "expiry": tx.expiry.map { $0 as Any } ?? NSNull(),
            "signature": signed.signature.hex,
        ]
        switch tx.payload {
        case let .transfer(transfer):
            object["recipient"] = transfer.recipient.text
            object["amount"] = String(transfer.amount)
            object["memo"] = transfer.memo.hex
        case let .stake(request):
            object["amount"] = String(request.amount)
            object["lock_epochs"] = request.lockEpochs
            object["tier"] = request.tier.rawValue
            object["attestation"] = request.attestation.map { $0.hex as Any } ?? NSNull()
        case let .unstake(request):
            object["amount"] = String(request.amount)
        case .withdraw:
            break
        case let .evidence(evidence):
            object["evidence"] = [evidence.first, evidence.second].map { signed in
                [
                    "header": header(signed.header), "header_hex": signed.header.canonicalBytes.hex, "hash": signed.header.hash.hex,
                    "signature": signed.signature.hex,
                ] as [String: Any]
            }
        case let .submitProof(signed):
            object["receipt"] = computeReceipt(signed)
        case let .propose(request):
            object["deposit"] = String(request.deposit)
            object["proposal"] = proposalContent(request.content)
        case let .vote(request):
            object["proposal"] = request.proposal
            object["option"] = request.option.name
        }
        return object
    }

    static func receipt(_ receipt: Receipt) -> [String: Any] {
        [
            "transaction_id": receipt.transactionId.hex,
            "code": receipt.code,
            "status": TransactionError.name(forCode: receipt.code),
            "message": TransactionErrorCode.message(forCode: receipt.code).map { $0 as Any } ?? NSNull(),
            "fee_charged": String(receipt.feeCharged),
            "events": receipt.events.map(event),
        ]
    }

    static func event(_ event: Event) -> [String: Any] {
        switch event {
        case let .transfer(from, to, amount):
            return ["type": "transfer", "from": from.text, "to": to.text, "amount": String(amount)]
        case let .feePaid(payer, total, burned, pool, treasury, liquidity):
            return [
                "type": "fee_paid", "payer": payer.text, "total": String(total), "burned": String(burned),
                "reward_pool": String(pool), "treasury": String(treasury), "liquidity": String(liquidity),
            ]
        case let .staked(provider, added, total, tier, lockedUntil):
            return [
                "type": "staked", "provider": provider.text, "added": String(added), "total": String(total), "tier": tier,
                "locked_until": lockedUntil,
            ]
        case let .unstaked(provider, amount, burned, matureAt):
            return ["type": "unstaked", "provider": provider.text, "amount": String(amount), "burned": String(burned), "mature_at": matureAt]
        case let .withdrawn(provider, amount):
            return ["type": "withdrawn", "provider": provider.text, "amount": String(amount)]
        case let .slashed(provider, reason, bps, fromStake, fromUnbonding):
            return [
                "type": "slashed", "provider": provider.text,
                "reason": SlashReason(rawValue: reason)?.name ?? "unknown_\(reason)", "bps": bps,
                "from_stake": String(fromStake), "from_unbonding": String(fromUnbonding),
            ]
        case let .jailed(provider):
            return ["type": "jailed", "provider": provider.text]
        case let .proofAccepted(jobId, consumer, provider, epoch, units, qualityBps, tierBps, weight, price, protocolFee):
            return [
                "type": "proof_accepted", "job_id": jobId.hex, "consumer": consumer.text, "provider": provider.text, "epoch": epoch,
                "units": units, "quality_bps": qualityBps, "tier_bps": tierBps, "weight": String(weight), "price": String(price),
                "protocol_fee": String(protocolFee),
            ]
        case let .proposed(id, proposer, kind, deposit, votingEndHeight):
            return [
                "type": "proposed", "id": id, "proposer": proposer.text, "kind": ProposalKind(rawValue: kind)?.name ?? "unknown_\(kind)",
                "deposit": String(deposit), "voting_end_height": votingEndHeight,
            ]
        case let .voted(id, voter, option):
            return ["type": "voted", "id": id, "voter": voter.text, "option": VoteOption(rawValue: option)?.name ?? "unknown_\(option)"]
        }
    }

    static func proposalContent(_ content: ProposalContent) -> [String: Any] {
        var fields = [String: Any]()
        for (name, value) in content.fields { fields[name] = value }
        return ["kind": content.kind.name, "fields": fields]
    }

    static func computeReceipt(_ signed: SignedComputeReceipt) -> [String: Any] {
        let receipt = signed.receipt
        return [
            "chain_id": receipt.chainId, "job_id": receipt.jobId.hex, "consumer": receipt.consumerAddress.text,
            "consumer_public_key": receipt.consumer.bytes.hex, "provider": receipt.provider.text, "epoch": receipt.epoch,
            "workload": receipt.workload, "units": receipt.units, "quality": receipt.quality, "price": String(receipt.price),
            "signature": signed.signature.hex,
        ]
    }

    static func parameters(_ parameters: Parameters) -> [String: Any] {
        [
            "min_fee": String(parameters.minFee),
            "max_tx_bytes": parameters.maxTransactionBytes,
            "max_block_transactions": parameters.maxBlockTransactions,
            "max_block_bytes": parameters.maxBlockBytes,
            "fee_split_bps": [
                "burn": parameters.feeSplit.burnBps, "reward_pool": parameters.feeSplit.rewardPoolBps,
                "treasury": parameters.feeSplit.treasuryBps, "liquidity": parameters.feeSplit.liquidityBps,
            ],
            "epoch_length": parameters.epochLength,
            "staking": staking(parameters.staking),
            "compute": compute(parameters.compute),
            "governance": governance(parameters.governance),
        ]
    }

    static func governance(_ governance: GovernanceParameters) -> [String: Any] {
        var rules = [String: Any]()
        for kind in ProposalKind.allCases {
            let rule = governance.rule(kind)
            rules[kind.name] = ["quorum_bps": rule.quorumBps, "voting_days": rule.votingDays, "voting_blocks": governance.votingPeriodBlocks(kind)]
        }
        return [
            "min_deposit": String(governance.minDeposit), "min_proposer_power": String(governance.minProposerPower),
            "voter_min_stake": String(governance.voterMinStake), "block_time_ms": governance.blockTimeMs, "rules": rules,
            "pass_threshold_bps": governance.passThresholdBps, "timelock_blocks": governance.timelockBlocks,
            "max_change_bps": governance.maxChangeBps, "max_active_proposals": governance.maxActiveProposals,
        ]
    }

    static func compute(_ compute: ComputeParameters) -> [String: Any] {
        [
            "blocks_per_year": compute.blocksPerYear,
            "initial_annual_emission": String(compute.initialAnnualEmission),
            "halving_years": compute.halvingYears,
            "terminal_annual_emission": String(compute.terminalAnnualEmission),
            "mining_cap": String(compute.miningCap),
            "protocol_fee_bps": compute.protocolFeeBps,
            "quality_min_bps": compute.qualityMinBps,
            "quality_max_bps": compute.qualityMaxBps,
            "proof_window_epochs": compute.proofWindowEpochs,
            "min_unit_price": String(compute.minUnitPrice),
            "reputation_per_proof": compute.reputationPerProof,
        ]
    }

    static func staking(_ staking: StakingParameters) -> [String: Any] {
        [
            "min_stake": String(staking.minStake),
            "unbonding_period": staking.unbondingPeriod,
            "unstake_burn_bps": staking.unstakeBurnBps,
            "max_lock_epochs": staking.maxLockEpochs,
            "lock_steps": staking.lockSteps.map { ["min_epochs": $0.minEpochs, "multiplier_bps": $0.multiplierBps] },
            "tier_multipliers_bps": staking.tierMultipliersBps,
            "max_unbonding_entries": staking.maxUnbondingEntries,
            "slash_sla_min_bps": staking.slashSLAMinBps,
            "slash_sla_max_bps": staking.slashSLAMaxBps,
            "slash_attestation_bps": staking.slashAttestationBps,
            "slash_malicious_bps": staking.slashMaliciousBps,
        ]
    }

    static func proof(key: StateKey, value: Bytes?, proof: StateProof) -> [String: Any] {
        var leaf: Any = NSNull()
        if case let .leaf(leafKey, valueHash) = proof.terminal {
            leaf = ["key_hash": leafKey.hex, "value_hash": valueHash.hex]
        }
        return [
            "key": key.bytes.hex,
            "value": value.map { $0.hex as Any } ?? NSNull(),
            "siblings": proof.siblings.map(\.hex),
            "leaf": leaf,
        ]
    }
}

import Foundation
