import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// `pm_getEpoch`, `pm_getRewards` and `pm_getSupply` (docs/RPC.md): Proof of Compute made visible. Each answer is
/// read from one snapshot, so its height and figures always describe the same block.
extension RPCMethods {
    /// The most epochs one `pm_getRewards` call returns, and the default.
    static let maxRewardEpochs: UInt64 = 1000

    func epoch(_ params: EpochParams) throws(RPCErrorObject) -> EpochResult {
        try read { snapshot in
            let height = try snapshot.height()
            let parameters = try snapshot.parameters()
            let running = try snapshot.record(EpochState.self, at: .epoch) ?? .genesis
            let number = params.epoch ?? running.number
            guard number <= running.number else {
                throw RPCErrorObject.notFound("epoch \(number) has not started; the running epoch is \(running.number)")
            }
            let record = try snapshot.record(EpochRecord.self, at: .epochRecord(number)) ?? .empty
            var result = EpochResult(
                epoch: number, height: height, record: record, rewardPool: try snapshot.account(ModuleAccount.rewardPool.address).balance)
            if number == running.number {
                let end = running.lastHeight(epochLength: parameters.epochLength)
                result.running = true
                result.startHeight = running.startHeight
                result.endHeight = end
                result.blocksLeft = end >= height ? end - height : 0
                result.emission = EpochModule.emission(
                    epoch: number, parameters: parameters, totals: try snapshot.totals(),
                    anchor: try snapshot.record(EmissionAnchor.self, at: .emissionAnchor))
            }
            return result
        }
    }

    func rewards(_ params: RewardsParams) throws(RPCErrorObject) -> RewardsResult {
        let limit = params.limit ?? Self.maxRewardEpochs
        guard limit >= 1, limit <= Self.maxRewardEpochs else {
            throw .invalidParams("'limit' must be between 1 and \(Self.maxRewardEpochs)")
        }
        return try read { snapshot in
            let prefix = [StateKey.Prefix.providerWork.rawValue] + params.address.bytes
            // Keys end in the big-endian epoch, so the scan is in epoch order; the newest `limit` are returned.
            let epochs = try snapshot.entries(withPrefix: prefix).suffix(Int(limit)).map { key, value in
                ProviderEpochView(epoch: key.trailingNumber ?? 0, try StateKey.decode(ProviderWork.self, value, storedAt: key))
            }
            return RewardsResult(address: params.address, height: try snapshot.height(), epochs: epochs)
        }
    }

    func supply() throws(RPCErrorObject) -> SupplyResult {
        try read { snapshot in
            let modules = try ModuleAccount.allCases.map { module in (module, try snapshot.account(module.address).balance) }
            return SupplyResult(
                height: try snapshot.height(), totals: try snapshot.totals(), miningCap: try snapshot.parameters().compute.miningCap,
                moduleAccounts: modules, teamVesting: try snapshot.record(TeamVesting.self, at: .vesting))
        }
    }
}
