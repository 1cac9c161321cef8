import ProofmintCore
import ProofmintStorage

/// Why a request could not be served. The server answers it with a `ResponseException` carrying this message, which
/// makes CometBFT stop: each is a disagreement between CometBFT and the application's home that an operator must fix.
enum ABCIRequestError: Error, CustomStringConvertible {
    case chainIdMismatch(cometbft: String, home: String)
    case alreadyInitialized(height: UInt64)
    case initialHeight(Int64)
    case appStateMismatch(genesisRoot: Hash32, homeRoot: Hash32)
    case appStateUnreadable(String)
    case notNextHeight(requested: Int64, head: UInt64)
    case unknownProposer(address: [UInt8])
    case nothingToCommit
    case beacon(ABCIBeaconError)
    case block(BlockError)
    case storage(String)

    var description: String {
        switch self {
        case let .chainIdMismatch(cometbft, home):
            return "CometBFT's chain id \"\(cometbft)\" is not this home's \"\(home)\": set chain_id in CometBFT's genesis.json to the "
                + "Proofmint genesis file's chain_id (docs/DEPLOYMENT.md)"
        case let .alreadyInitialized(height):
            return "InitChain on a home already at height \(height): CometBFT's data and the home disagree; restore the "
                + "matching pair or start both afresh (cometbft unsafe-reset-all, a new `proofmintd init`)"
        case let .initialHeight(height):
            return "CometBFT's initial_height is \(height); Proofmint chains start at height 1: remove initial_height from "
                + "CometBFT's genesis.json or set it to 1"
        case let .appStateMismatch(genesisRoot, homeRoot):
            return "app_state in CometBFT's genesis.json gives genesis state root \(genesisRoot), the home has \(homeRoot): "
                + "put the same Proofmint genesis file in both (or leave app_state empty)"
        case let .appStateUnreadable(detail):
            return "app_state in CometBFT's genesis.json is not a Proofmint genesis file: \(detail)"
        case let .notNextHeight(requested, head):
            return "a block at height \(requested) was sent, but the home's last committed block is \(head): the next is \(head + 1)"
        case let .unknownProposer(address):
            return "the proposer \(address.hex) is not one of the chain's validators (CometBFT address = first 20 bytes of "
                + "SHA-256 of the Ed25519 key): CometBFT's validator set differs from the Proofmint genesis validators"
        case .nothingToCommit:
            return "Commit without a FinalizeBlock before it on this run: nothing to commit"
        case let .beacon(error):
            return "the decided block's beacon is refused: \(error); CometBFT's validators accepted a block this application "
                + "rejects: check that every validator runs a `proofmintd abci` with the same block rule"
        case let .block(error):
            return "the block cannot be executed: \(error)"
        case let .storage(detail):
            return "the home's store failed: \(detail)"
        }
    }
}
