/// Prefixes that make every signature specific to what it signs: a transaction signature can never be
/// replayed as a block signature or a compute receipt, and the chain id inside each message pins the chain.
public enum SigningDomain: String, Sendable {
    case transaction = "proofmint/tx/v1"
    case blockHeader = "proofmint/block/v1"
    /// Signed by the consumer of compute work, not by a transaction sender.
    case computeReceipt = "proofmint/receipt/v1"
    /// Signed by an attestor of the registry about one provider's hardware (protocol version 3).
    case attestation = "proofmint/attestation/v1"

    /// The domain tag followed by a zero byte, prepended to the canonical bytes before signing.
    public var tag: Bytes { Array(rawValue.utf8) + [0] }

    public func message(_ body: Bytes) -> Bytes { tag + body }
}
