/// Yes, no and abstain sums of one measure (quadratic power or linear stake) in a tally; every addition is checked,
/// so an overflow is a typed error, never a trap.
struct VoteSums {
    var yes: UInt128 = 0
    var no: UInt128 = 0
    var abstain: UInt128 = 0

    mutating func add(_ value: UInt128, to option: VoteOption) throws(TransactionError) {
        switch option {
        case .yes: guard let sum = checkedAdd(yes, value) else { throw .balanceOverflow }; yes = sum
        case .no: guard let sum = checkedAdd(no, value) else { throw .balanceOverflow }; no = sum
        case .abstain: guard let sum = checkedAdd(abstain, value) else { throw .balanceOverflow }; abstain = sum
        }
    }

    func total() throws(TransactionError) -> UInt128 {
        guard let decided = checkedAdd(yes, no), let all = checkedAdd(decided, abstain) else { throw .balanceOverflow }
        return all
    }

    /// Yes is more than `thresholdBps` of yes + no (abstentions do not count), and something was decided.
    func passes(_ thresholdBps: UInt128) -> Bool {
        guard let decided = checkedAdd(yes, no), decided > 0 else { return false }
        return WideArithmetic.multiplyDivide(yes, 10_000, 1) > WideArithmetic.multiplyDivide(decided, thresholdBps, 1)
    }
}
