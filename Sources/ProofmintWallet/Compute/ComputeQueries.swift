import ProofmintCore

/// `pm_getEpoch`, `pm_getRewards` and `pm_getSupply`, decoded (and so checked) before anything is printed.
extension NodeClient {
    public func epoch(_ number: UInt64? = nil) async throws(RPCError) -> EpochResult {
        try await call(Calls.GetEpoch.self, EpochParams(epoch: number))
    }

    public func rewards(_ address: Address, limit: UInt64? = nil) async throws(RPCError) -> RewardsResult {
        try await call(Calls.GetRewards.self, RewardsParams(address: address, limit: limit))
    }

    public func supply() async throws(RPCError) -> SupplyResult { try await call(Calls.GetSupply.self) }
}
