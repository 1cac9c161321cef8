/// Accounts owned by the protocol rather than by a key. Their addresses derive from their names.
public enum ModuleAccount: String, CaseIterable, Sendable {
    /// DAO treasury: receives fee shares and rounding remainders; spent only by governance.
    case treasury
    /// Paid out to compute providers with each epoch's emission.
    case rewardPool = "reward_pool"
    /// Liquidity incentives.
    case liquidity
    /// Holds proposal deposits until the tally returns or burns them.
    case governance
    /// Genesis allocations of seed 001 that no key controls. `team` vests to its beneficiary (`TeamVesting`); the
    /// others had no release rule in version 1; since version 2 a `treasury_spend` may name them as its source,
    /// bounded per window by `governance.max_spend_bps` (`SpendWindow`).
    case training
    case ecosystem
    case team
    case publicSale = "public_sale"
    /// Validation fees of compute payments, paid out as validation rewards (protocol version 3).
    case validation
    /// Challenge bonds, held until the challenge is decided (protocol version 3).
    case challenges

    /// Hashed once: every transaction's fee credits three module accounts, and a BLAKE2b with its string copies per
    /// credit was a visible share of a transfer's execution.
    public var address: Address { Self.addresses[self] ?? Address(module: rawValue) }

    private static let addresses = Dictionary(uniqueKeysWithValues: allCases.map { ($0, Address(module: $0.rawValue)) })
}
