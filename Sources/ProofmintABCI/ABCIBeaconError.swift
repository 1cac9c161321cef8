/// Why a CometBFT block's beacon carrier (`ABCIBeaconCarrier`) is refused: `ProcessProposal` answers REJECT, and
/// `FinalizeBlock` an exception (a decided block without its proposer's beacon means CometBFT's validators and this
/// application disagree on the block rule).
enum ABCIBeaconError: Error, Equatable, CustomStringConvertible {
    /// The block has no transactions at all.
    case missing
    /// The first transaction is not a beacon carrier (107 bytes starting with "proofmint/beacon-carrier/v1").
    case notFirst
    /// The carried proof is not the proposer's VRF proof for this chain and height.
    case invalid(height: UInt64)

    var description: String {
        switch self {
        case .missing:
            return "the block is empty: its first transaction must be the proposer's beacon carrier (docs/PROTOCOL.md §4.7)"
        case .notFirst:
            return "the block's first transaction is not a beacon carrier (\"proofmint/beacon-carrier/v1\" ‖ 80-byte VRF proof)"
        case let .invalid(height):
            return "the carried beacon is not the proposer's VRF proof for block \(height) of this chain (another key, "
                + "another height or chain, or altered bytes)"
        }
    }
}
