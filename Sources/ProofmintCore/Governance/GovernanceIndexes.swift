/// The governance index records through the block's overlay: the voter list of a proposal (`0x11`), the due index
/// (`0x12`) and the slash holds (`0x13`). Each is read by key, never by a prefix scan.
extension StateOverlay {
    /// Records `voter` as the proposal's `index`-th voter.
    mutating func appendVoter(_ voter: Address, proposal: UInt64, index: UInt32) {
        set(.voter(proposal: proposal, index: index), voter.bytes)
    }

    /// Adds `id` to the proposals due at `height`.
    mutating func scheduleDue(_ id: UInt64, at height: UInt64) throws(TransactionError) {
        var due = try recordOrFail(DueProposals.self, at: .due(height: height)) ?? DueProposals(ids: [])
        due.insert(id)
        put(due, at: .due(height: height))
    }

    /// The number of open slash proposals naming `address`.
    func slashHolds(_ address: Address) throws(TransactionError) -> UInt32 { try storedCount(at: .slashHold(address)) }

    /// Raises (at `propose`) or lowers (when the proposal is decided) the hold on `address`; deleted at 0.
    mutating func changeSlashHold(_ address: Address, raise: Bool) throws(TransactionError) {
        try changeStoredCount(at: .slashHold(address), raise: raise)
    }
}
