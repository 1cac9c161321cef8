import ProofmintRPC

/// Which per-client bucket a call draws from. Point reads (an account, a transaction, the status) cost the node a
/// few LMDB lookups and are not limited; a submission costs a signature check and mempool work, and an expensive
/// read decodes a whole block, walks a list or an index, or dry-runs governance (docs/RELIABILITY.md, "Per-client
/// limits and request deadlines (D4)", gives the measured costs).
public enum RPCCost: Sendable, Equatable {
    case free
    case submission
    case expensiveRead

    public init(method: String) {
        guard let known = RPCMethod(rawValue: method) else {
            self = .free
            return
        }
        switch known {
        case .sendTransaction:
            self = .submission
        case .getBlock, .getProviders, .getRewards, .getProposals, .previewProposal, .getPendingValidations, .getChallenges,
            .getComputeValidators, .getAttestors, .getSupplyHistory, .getAccountHistory, .getRawBlocks:
            self = .expensiveRead
        case .status, .getAccount, .getTransaction, .getParameters, .getSupply, .getStake, .getEpoch, .getProposal, .getReceipt,
            .waitForHead:
            self = .free
        case .mine, .setNextBlockTimestamp, .increaseTime, .setMiningMode, .faucet, .snapshot, .revert, .listSnapshots,
            .deleteSnapshot:
            // The control methods are behind --dev-control (and its token): the operator's own tools, not a client's.
            self = .free
        }
    }
}
