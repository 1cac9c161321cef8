import Foundation
import ProofmintABCIProto
import ProofmintCore

extension ABCIApplication {
    /// The proof type in `ResponseQuery.proof_ops`: `data` is a canonical `StateProof` (docs/PROTOCOL.md, the state
    /// tree's proofs) of `key` against the state root of block `height`, which is that block's app hash.
    static let proofType = "proofmint:state/v1"

    /// `/account/<address>` (the account record) and `/state/<hex state key>` (any record) at the committed height;
    /// `value` is the stored bytes (empty when absent), `key` the state key, and with `prove` one proof op.
    func query(_ request: Tendermint_Abci_RequestQuery) -> Tendermint_Abci_ResponseQuery {
        let head = store.head
        do {
            guard request.height == 0 || request.height == Int64(head.height) else {
                throw ABCIQueryError.heightUnavailable(requested: request.height, head: head.height)
            }
            let key = try Self.stateKey(forPath: request.path)
            return try read(key, prove: request.prove, height: head.height)
        } catch let error as ABCIQueryError {
            return .with { $0.code = error.code; $0.log = "\(error)"; $0.codespace = ABCIResults.codespace; $0.height = Int64(head.height) }
        } catch {
            let failure = ABCIQueryError.stateUnreadable("\(error)")
            return .with { $0.code = failure.code; $0.log = "\(failure)"; $0.codespace = ABCIResults.codespace }
        }
    }

    private func read(_ key: StateKey, prove: Bool, height: UInt64) throws -> Tendermint_Abci_ResponseQuery {
        try store.withSnapshot { snapshot in
            let value = try snapshot.value(for: key)
            var response = Tendermint_Abci_ResponseQuery()
            response.key = Data(key.bytes)
            response.height = Int64(height)
            response.value = Data(value ?? [])
            response.log = value == nil ? "absent" : "exists"
            if prove {
                let proof = try StateProof.make(for: key.treeKey, reader: snapshot)
                response.proofOps = .with {
                    $0.ops = [.with { $0.type = Self.proofType; $0.key = Data(key.bytes); $0.data = Data(proof.canonicalBytes) }]
                }
            }
            return response
        }
    }

    static func stateKey(forPath path: String) throws(ABCIQueryError) -> StateKey {
        if path.hasPrefix("/account/") {
            let text = String(path.dropFirst("/account/".count))
            do { return StateKey.account(try Address(text: text)) } catch { throw .badArgument("\"\(text)\" is not an address: \(error)") }
        }
        if path.hasPrefix("/state/") {
            let text = String(path.dropFirst("/state/".count))
            guard let bytes = Bytes(hex: text), !bytes.isEmpty else { throw .badArgument("\"\(text)\" is not a state key in hex") }
            return StateKey(bytes: bytes)
        }
        throw .unknownPath(path)
    }
}
