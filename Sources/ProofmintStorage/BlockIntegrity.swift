import ProofmintCore
import ProofmintCrypto

/// What a stored block must satisfy on its own, against its own header: the checks the start path runs on the head
/// block and `inspect --verify` runs on every block. A record checksum only says the bytes are the ones written;
/// these say the bytes written were a block the chain could have made (a bad write or a bug passes the checksum).
enum BlockIntegrity {
    /// The first way `block` (stored at `height`, with `receipts`) contradicts its header, or nil.
    static func problem(_ block: Block, height: UInt64, receipts: [Receipt]) -> String? {
        let header = block.header
        if header.height != height { return "the block stored at height \(height) says it is block \(header.height)" }
        if Int(header.transactionCount) != block.transactions.count {
            return "the header counts \(header.transactionCount) transactions, the block holds \(block.transactions.count)"
        }
        let transactionRoot = Block.transactionRoot(block.transactions)
        if transactionRoot != header.transactionRoot {
            return "its transactions hash to \(transactionRoot), not the header's transaction root \(header.transactionRoot)"
        }
        if receipts.count != block.transactions.count {
            return "its receipt list holds \(receipts.count) receipts for \(block.transactions.count) transactions"
        }
        let receiptRoot = Block.receiptRoot(receipts)
        if receiptRoot != header.receiptRoot {
            return "its receipts hash to \(receiptRoot), not the header's receipt root \(header.receiptRoot)"
        }
        return nil
    }

    /// Whether the producer named in the header signed it (one Ed25519 verification, ~50 µs). The genesis block has no
    /// producer. Whether that producer was the scheduled one needs the validator set of the time: replay checks that.
    /// A block CometBFT decided (ABCI mode, `Block.isConsensusDecided`) has no producer signature; its beacon, the named
    /// producer's VRF proof over the chain id and height, is checked instead (one VRF verification).
    static func signatureProblem(_ block: Block) -> String? {
        guard block.height > 0 else { return nil }
        let header = block.header
        guard let producer = try? Ed25519.PublicKey(bytes: header.producer) else { return "its producer is not an Ed25519 key" }
        if block.isConsensusDecided {
            guard BlockHeader.beaconOutput(header.beacon, producer: producer, chainId: header.chainId, height: header.height) != nil
            else { return "it has no producer signature (ABCI mode) and its beacon is not the producer's VRF proof for its height" }
            return nil
        }
        guard producer.isValidSignature(block.signature, for: header.signingMessage)
        else { return "the producer's signature does not verify over its header" }
        return nil
    }
}
