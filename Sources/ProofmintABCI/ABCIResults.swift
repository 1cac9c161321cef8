import Foundation
import ProofmintABCIProto
import ProofmintCore

/// How Proofmint's receipts and transaction errors appear in CometBFT's results: `code` is the transaction error code
/// of docs/PROTOCOL.md §8.6 (0 = success), `codespace` "proofmint", `log` the error's message; events carry each
/// receipt event's kind and its canonical encoding in hex. Codes 1000 and above are the adapter's own.
enum ABCIResults {
    static let codespace = "proofmint"
    /// The bytes are not a canonical signed Proofmint transaction.
    static let undecodableCode: UInt32 = 1000
    /// Left out of the block: its transaction count or byte limit was reached first.
    static let notIncludedCode: UInt32 = 1001
    /// The state could not be read; try again.
    static let unavailableCode: UInt32 = 1002

    static func failure(_ error: TransactionError) -> Tendermint_Abci_ResponseCheckTx {
        .with {
            $0.code = UInt32(error.code)
            $0.log = "\(error)"
            $0.codespace = codespace
        }
    }

    static func result(_ receipt: Receipt) -> Tendermint_Abci_ExecTxResult {
        .with {
            $0.code = UInt32(receipt.code)
            if receipt.code != 0 {
                $0.codespace = codespace
                $0.log = TransactionErrorCode(rawValue: receipt.code).map { "\($0.name): \($0.message ?? "")" } ?? "error \(receipt.code)"
            }
            $0.data = Data(receipt.transactionId.bytes)
            $0.events = receipt.events.map(event)
        }
    }

    /// The block's first transaction, the proposer's beacon carrier: not a transaction, so no receipt; `data` is the
    /// beacon value its proof gives (docs/PROTOCOL.md §4.6).
    static func beaconCarrier(_ beacon: BlockBeacon) -> Tendermint_Abci_ExecTxResult {
        .with {
            $0.code = 0
            $0.log = "beacon carrier: the proposer's VRF proof for block \(beacon.height)"
            $0.data = Data(beacon.output.bytes)
        }
    }

    static func dropped(_ error: TransactionError) -> Tendermint_Abci_ExecTxResult {
        .with {
            $0.code = UInt32(error.code)
            $0.codespace = codespace
            $0.log = "not included: \(error)"
        }
    }

    static func notIncluded(code: UInt32, log: String) -> Tendermint_Abci_ExecTxResult {
        .with {
            $0.code = code
            $0.codespace = codespace
            $0.log = log
        }
    }

    /// `proofmint.<kind>` with the event's canonical bytes: the kind is the `Event` case's name.
    static func event(_ event: Event) -> Tendermint_Abci_Event {
        let kind = String(describing: event).prefix { $0 != "(" }
        return .with {
            $0.type = "proofmint.\(kind)"
            $0.attributes = [.with { $0.key = "data"; $0.value = event.canonicalBytes.hex; $0.index = false }]
        }
    }
}
