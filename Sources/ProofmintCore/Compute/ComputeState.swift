import ProofmintCrypto

/// Typed access to Proof of Compute's records through the block's overlay.
extension StateOverlay {
    func epochStateOrFail() throws(TransactionError) -> EpochState {
        try recordOrFail(EpochState.self, at: .epoch) ?? .genesis
    }

    func epochRecordOrFail(_ epoch: UInt64) throws(TransactionError) -> EpochRecord {
        try recordOrFail(EpochRecord.self, at: .epochRecord(epoch)) ?? .empty
    }

    func receiptOrFail(_ job: Hash32) throws(TransactionError) -> ReceiptRecord? {
        try recordOrFail(ReceiptRecord.self, at: .receipt(job))
    }

    func computeValidatorsOrFail() throws(TransactionError) -> ComputeValidators {
        try recordOrFail(ComputeValidators.self, at: .computeValidators) ?? .empty
    }

    /// Files `job` to be looked at by the end of block `height` (its sampling or a deadline).
    mutating func scheduleComputeDue(_ job: Hash32, at height: UInt64) throws(TransactionError) {
        let count = try recordOrFail(IndexCount.self, at: .computeDueCount(height: height))?.count ?? 0
        guard count < UInt32.max else { throw .balanceOverflow }
        put(IndexEntry(bytes: job.bytes), at: .computeDue(height: height, index: count))
        put(IndexCount(count: count + 1), at: .computeDueCount(height: height))
    }

    /// Takes the items due at `height` out of the index, in the order they were filed.
    mutating func takeComputeDue(at height: UInt64) throws(TransactionError) -> [Hash32] {
        let countKey = StateKey.computeDueCount(height: height)
        guard let count = try recordOrFail(IndexCount.self, at: countKey)?.count else { return [] }
        var jobs = [Hash32]()
        for index in 0..<count {
            let key = StateKey.computeDue(height: height, index: index)
            if let entry = try recordOrFail(IndexEntry.self, at: key) { jobs.append(Hash32(unchecked: entry.bytes)) }
            set(key, nil)
        }
        set(countKey, nil)
        return jobs
    }

    /// Raises or lowers the provider's count of unsettled epochs with work; the record is deleted at 0.
    mutating func changeComputeHold(_ provider: Address, raise: Bool) throws(TransactionError) {
        try changeStoredCount(at: .computeHold(provider), raise: raise)
    }

    func computeHolds(_ provider: Address) throws(TransactionError) -> UInt32 { try storedCount(at: .computeHold(provider)) }

    /// The u32 counter at `key` (a hold or a due count), 0 if absent.
    func storedCount(at key: StateKey) throws(TransactionError) -> UInt32 {
        try recordOrFail(IndexCount.self, at: key)?.count ?? 0
    }

    /// Raises or lowers the counter at `key` by one; it is deleted at 0, cannot pass 2³² − 1 nor fall below 0.
    mutating func changeStoredCount(at key: StateKey, raise: Bool) throws(TransactionError) {
        let count = try storedCount(at: key)
        let next: UInt32
        if raise {
            guard count < UInt32.max else { throw .balanceOverflow }
            next = count + 1
        } else {
            next = count > 0 ? count - 1 : 0
        }
        set(key, next == 0 ? nil : IndexCount(count: next).canonicalBytes)
    }
}

/// A big-endian u32 counter (no version byte): a due count (`0x25`), a slash hold (`0x13`), a compute hold (`0x2D`).
struct IndexCount: CanonicalCodable {
    var count: UInt32

    func encode(to writer: inout CanonicalWriter) { writer.u32(count) }

    static func decode(from reader: inout CanonicalReader) throws(CodecError) -> IndexCount { IndexCount(count: try reader.u32()) }
}

/// The raw bytes of an index entry: a job id (32 bytes) or an address (20 bytes), no version byte.
struct IndexEntry: CanonicalCodable {
    var bytes: Bytes

    func encode(to writer: inout CanonicalWriter) { writer.fixed(bytes) }

    static func decode(from reader: inout CanonicalReader) throws(CodecError) -> IndexEntry {
        IndexEntry(bytes: try reader.fixed(reader.remaining))
    }
}
