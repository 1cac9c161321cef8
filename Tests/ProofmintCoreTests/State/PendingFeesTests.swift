import ProofmintTestSupport
import XCTest

@testable import ProofmintCore

/// Fees kept decoded in the overlay (`PendingFees`) read, write, revert and end exactly as crediting each record in
/// turn did: the reference below is the fee split as it was written before.
final class PendingFeesTests: XCTestCase {
    private static let split = FeeSplit(burnBps: 4000, rewardPoolBps: 3000, treasuryBps: 2000, liquidityBps: 1000)
    private static let modules: [ModuleAccount] = [.rewardPool, .treasury, .liquidity]
    private static let users = (0..<4).map { TestKeys.address("user\($0)") }

    /// Credits each record in turn, as `distributeFee` did before `PendingFees`.
    private static func referenceFee(_ fee: Amount, on state: inout StateOverlay) throws(TransactionError) {
        let shares = split.shares(of: fee)
        try state.credit(ModuleAccount.rewardPool.address, shares.rewardPool)
        try state.credit(ModuleAccount.treasury.address, shares.treasury)
        try state.credit(ModuleAccount.liquidity.address, shares.liquidity)
        try state.updateTotals { totals in
            guard let burned = checkedAdd(totals.burned, shares.burn), let feesPaid = checkedAdd(totals.feesPaid, fee) else {
                return false
            }
            totals.burned = burned
            totals.feesPaid = feesPaid
            return true
        }
    }

    private static func base(treasury: Amount, liquidity: Amount = 5) -> MemoryStateStore {
        let store = MemoryStateStore()
        var writes: [(key: StateKey, value: Bytes?)] = [
            (.account(ModuleAccount.rewardPool.address), Account(nonce: 0, balance: 1_000).canonicalBytes),
            (.account(ModuleAccount.liquidity.address), Account(nonce: 0, balance: liquidity).canonicalBytes),
            (.totals, ChainTotals(issued: 1_000_000, burned: 7, feesPaid: 9).canonicalBytes),
        ]
        // A treasury of 0 is no record at all, as an empty account is stored.
        if treasury > 0 { writes.append((.account(ModuleAccount.treasury.address), Account(nonce: 0, balance: treasury).canonicalBytes)) }
        for user in users { writes.append((.account(user), Account(nonce: 1, balance: 500).canonicalBytes)) }
        store.apply(writes: writes, treeNodes: [])
        return store
    }

    private func assertSame(_ a: StateOverlay, _ b: StateOverlay, _ context: String, line: UInt = #line) throws {
        for key in Self.modules.map({ StateKey.account($0.address) }) + [.totals] + Self.users.map(StateKey.account) {
            XCTAssertEqual(try a.value(for: key), try b.value(for: key), "\(key) after \(context)", line: line)
        }
        let left = a.sortedWrites, right = b.sortedWrites
        XCTAssertEqual(left.map(\.key), right.map(\.key), "written keys after \(context)", line: line)
        XCTAssertEqual(left.map(\.value), right.map(\.value), "written values after \(context)", line: line)
    }

    func testRandomRunsMatchCreditingEachRecordInTurn() throws {
        for seed in UInt64(1)...40 {
            var random = SplitMix64(seed: seed)
            let store = Self.base(treasury: seed % 3 == 0 ? 0 : 50)
            var fast = StateOverlay(base: store), reference = StateOverlay(base: store)
            for step in 0..<60 {
                let context = "seed \(seed), step \(step)"
                let amount = Amount(random.next() % 1_000)
                switch random.next() % 8 {
                case 0, 1, 2:
                    try fast.distributeFee(amount, payer: Self.users[0], split: Self.split)
                    try Self.referenceFee(amount, on: &reference)
                case 3:
                    fast.checkpoint()
                    reference.checkpoint()
                case 4:
                    fast.revertToCheckpoint()
                    reference.revertToCheckpoint()
                case 5:
                    // A module's own write to a fee record: the pending fees must be written out first.
                    let module = Self.modules[Int(random.next() % 3)].address
                    if random.next() % 2 == 0 {
                        try fast.credit(module, amount)
                        try reference.credit(module, amount)
                    } else {
                        XCTAssertEqual(Result { try fast.debit(module, amount) }.isSuccess, Result { try reference.debit(module, amount) }.isSuccess, context)
                    }
                case 6:
                    try fast.updateTotals { $0.issued += amount; return true }
                    try reference.updateTotals { $0.issued += amount; return true }
                default:
                    let user = Self.users[Int(random.next() % 4)]
                    fast.setAccount(Account(nonce: 2, balance: amount), for: user)
                    reference.setAccount(Account(nonce: 2, balance: amount), for: user)
                }
                try assertSame(fast, reference, context)
            }
        }
    }

    func testAnOverflowingFeeChangesNothingAndIsABalanceOverflow() throws {
        let store = Self.base(treasury: 10, liquidity: Amount.max - 5)
        var fast = StateOverlay(base: store), reference = StateOverlay(base: store)
        try fast.distributeFee(10, payer: Self.users[0], split: Self.split)
        try Self.referenceFee(10, on: &reference)
        fast.checkpoint()
        reference.checkpoint()
        XCTAssertThrowsError(try fast.distributeFee(1_000, payer: Self.users[0], split: Self.split)) { error in
            guard case .balanceOverflow? = error as? TransactionError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try Self.referenceFee(1_000, on: &reference))
        // The reference credited the pool and the treasury before the liquidity account overflowed; the caller
        // reverts either way, and then the two agree.
        fast.revertToCheckpoint()
        reference.revertToCheckpoint()
        try assertSame(fast, reference, "the overflow and its revert")
    }

    /// A fee meets the same first failure as crediting each record in turn: an overflow before an unreadable record is
    /// an overflow, an unreadable record before an overflow is a storage failure.
    func testTheFirstFailureIsTheOneCreditingInTurnMet() throws {
        let unreadable: Bytes = [0xff, 0xff]
        let cases: [(pool: Amount, treasury: Bytes, expectOverflow: Bool)] = [
            (Amount.max - 1, unreadable, true),
            (10, unreadable, false),
        ]
        for (pool, treasury, expectOverflow) in cases {
            let store = Self.base(treasury: 0)
            store.apply(writes: [
                (.account(ModuleAccount.rewardPool.address), Account(nonce: 0, balance: pool).canonicalBytes),
                (.account(ModuleAccount.treasury.address), treasury),
            ], treeNodes: [])
            var fast = StateOverlay(base: store), reference = StateOverlay(base: store)
            let attempts: [() throws -> Void] = [
                { _ = try fast.distributeFee(1_000, payer: Self.users[0], split: Self.split) },
                { try Self.referenceFee(1_000, on: &reference) },
            ]
            for attempt in attempts {
                XCTAssertThrowsError(try attempt()) { error in
                    switch error as? TransactionError {
                    case .balanceOverflow?: XCTAssertTrue(expectOverflow, "pool \(pool)")
                    case .stateUnreadable?: XCTAssertFalse(expectOverflow, "pool \(pool)")
                    default: XCTFail("\(error)")
                    }
                }
            }
        }
    }
}

private extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
