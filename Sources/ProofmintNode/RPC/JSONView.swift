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
        }
        return object
    }

    static func receipt(_ receipt: Receipt) -> [String: Any] {
        [
            "transaction_id": receipt.transactionId.hex,
            "code": receipt.code,
            "status": TransactionError.name(forCode: receipt.code),
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
        }
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
