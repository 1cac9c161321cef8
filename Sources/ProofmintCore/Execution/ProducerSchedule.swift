import ProofmintCrypto

/// Who may produce a block (PROTOCOL.md §4.4, protocol version 4): validators take heights in turn, and a slot whose
/// producer stays silent passes to the next validator after each slot timeout, measured in the block's own timestamp
/// against its parent's. Only header data and the parent state decide it, so every node agrees; no local clock does.
public enum ProducerSchedule {
    /// A 365-day year in milliseconds: with `compute.blocks_per_year` it gives the chain's nominal block time.
    public static let yearMilliseconds: UInt64 = 31_536_000_000
    /// Nominal block times a producer has before its slot passes on.
    public static let timeoutBlocks: UInt64 = 10

    /// The slot timeout: `timeoutBlocks` nominal block times (10 s on the devnet's one-second blocks).
    public static func slotTimeout(_ parameters: Parameters) -> UInt64 {
        timeoutBlocks * Swift.max(1, yearMilliseconds / Swift.max(1, parameters.compute.blocksPerYear))
    }

    /// How many slot timeouts passed between the parent and a block stamped `timestamp` (0 if not after the parent).
    public static func skips(parentTimestamp: UInt64, timestamp: UInt64, parameters: Parameters) -> UInt64 {
        timestamp > parentTimestamp ? (timestamp - parentTimestamp) / slotTimeout(parameters) : 0
    }

    /// Whether a block stamped `timestamp` was made after its height's first producer was passed over: two or more
    /// validators and at least one slot timeout since the parent. With one validator no turn ever passes.
    public static func turnPassed(parentTimestamp: UInt64, timestamp: UInt64, validators: ValidatorSet, parameters: Parameters) -> Bool {
        validators.validators.count >= 2 && skips(parentTimestamp: parentTimestamp, timestamp: timestamp, parameters: parameters) >= 1
    }

    /// The validator scheduled for block `height` stamped `timestamp`, nil if the set is empty.
    public static func producer(
        height: UInt64, parentTimestamp: UInt64, timestamp: UInt64, validators: ValidatorSet, parameters: Parameters
    ) -> ValidatorSet.Validator? {
        validators.producer(at: height, skips: skips(parentTimestamp: parentTimestamp, timestamp: timestamp, parameters: parameters))
    }

    /// The earliest timestamp at which `key` is scheduled for the block after `parent`: `parent.timestamp` itself if the
    /// slot is its own, else the start of its next turn. Nil if the key is not a validator. A producer waits for it.
    public static func firstTurn(
        of key: Ed25519.PublicKey, after parent: BlockHeader, validators: ValidatorSet, parameters: Parameters
    ) -> UInt64? {
        guard let position = validators.validators.firstIndex(where: { $0.publicKey == key }), parent.height < UInt64.max else { return nil }
        let count = UInt64(validators.validators.count)
        let first = parent.height % count  // (h − 1) mod n for h = parent.height + 1
        let wait = (UInt64(position) + count - first) % count
        let (offset, overflow) = wait.multipliedReportingOverflow(by: slotTimeout(parameters))
        let (turn, late) = parent.timestamp.addingReportingOverflow(offset)
        return overflow || late ? nil : turn
    }
}
