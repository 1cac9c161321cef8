import ProofmintCore

/// Why a simulation cannot start or had to stop; each message names the option or the step to change.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    /// A configuration value is out of range; `option` is the command-line spelling.
    case invalidOption(option: String, problem: String)
    /// The chain parameters built from the configuration break a consensus bound.
    case invalidParameters([String])
    /// The synthetic accounts need more than seed 001's public-sale share, from which they are funded.
    case fundingExceedsPublicSale(needed: Amount, available: Amount)
    /// A key could not be derived (libsodium refused a seed).
    case keyDerivation(String)
    /// The state transition refused a transaction the simulator built: a simulator bug, or balances too small to
    /// pay fees.
    case transactionRefused(height: UInt64, kind: String, reason: String)
    /// The state transition refused a whole block, or the state could not be read.
    case block(height: UInt64, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(option, problem):
            return "\(option) \(problem)"
        case let .invalidParameters(problems):
            return "the simulated chain's parameters are invalid: \(problems.joined(separator: "; ")); adjust --initial-annual-emission, "
                + "--terminal-annual-emission, --halving-years, --mining-cap, --protocol-fee-bps or --fee-split"
        case let .fundingExceedsPublicSale(needed, available):
            return "the synthetic providers and consumers need \(Tokens.format(needed)) AI but they are funded from the public-sale "
                + "allocation of \(Tokens.format(available)) AI: lower --providers, --consumers, --provider-balance or --consumer-balance"
        case let .keyDerivation(reason):
            return "cannot derive a simulation key: \(reason)"
        case let .transactionRefused(height, kind, reason):
            return "block \(height): the state transition refused a \(kind) transaction: \(reason) "
                + "(if an account ran out of funds, raise --consumer-balance or --provider-balance, or lower --tx-fee)"
        case let .block(height, reason):
            return "block \(height): \(reason)"
        }
    }
}
