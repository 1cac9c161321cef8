/// Typed access to Proof of Compute's records through the block's overlay.
extension StateOverlay {
    func epochStateOrFail() throws(TransactionError) -> EpochState {
        try recordOrFail(EpochState.self, at: .epoch) ?? .genesis
    }

    /// The epoch in which the job was paid, if it was.
    func paidEpochOrFail(job: Hash32) throws(TransactionError) -> UInt64? {
        try recordOrFail(JobMarker.self, at: .job(job))?.epoch
    }
}

/// `0x0C ‖ job id` → the epoch the job was paid in: a job id is paid at most once.
struct JobMarker: CanonicalCodable {
    var epoch: UInt64

    func encode(to writer: inout CanonicalWriter) { writer.u64(epoch) }

    static func decode(from reader: inout CanonicalReader) throws(CodecError) -> JobMarker { JobMarker(epoch: try reader.u64()) }
}
