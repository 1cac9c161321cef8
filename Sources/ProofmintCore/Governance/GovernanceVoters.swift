/// Reading a proposal's voters by index, for the tally and for queries.
public enum GovernanceVoters {
    /// The proposal's `index`-th voter.
    public static func voter(proposal: UInt64, index: UInt32, state: some StateReader) throws(StateReadError) -> Address {
        let key = StateKey.voter(proposal: proposal, index: index)
        guard let bytes = try state.value(for: key) else { throw StateReadError("\(key) is missing below the proposal's voter count") }
        do { return try Address(bytes: bytes) } catch { throw StateReadError("stored \(key) does not decode: \(error)") }
    }

    /// Every voter of `proposal`, in the order of their first vote.
    public static func all(of proposal: GovernanceProposal, state: some StateReader) throws(StateReadError) -> [Address] {
        var voters = [Address]()
        voters.reserveCapacity(Int(proposal.voterCount))
        for index in 0..<proposal.voterCount { voters.append(try voter(proposal: proposal.id, index: index, state: state)) }
        return voters
    }
}
