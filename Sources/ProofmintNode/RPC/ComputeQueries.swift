import Foundation
import ProofmintCore
import ProofmintStorage

/// `pm_getEpoch`, `pm_getRewards` and `pm_getSupply` (docs/RPC.md): Proof of Compute made visible. Each answer is
/// read from one snapshot, so its height and figures always describe the same block.
extension RPCMethods {
    /// The most epochs one `pm_getRewards` call returns, and the default.
    static let maxRewardEpochs: UInt64 = 1000

    func epoch(_ params: RPCParams) throws(RPCError) -> Any {
        try read { snapshot -> [String: Any] in
            let height = try snapshot.height()
            let parameters = try snapshot.parameters()
            let running = try snapshot.record(EpochState.self, at: .epoch) ?? .genesis
            let number = params.has("epoch") ? try params.integer("epoch") : running.number
            guard number <= running.number else {
                throw RPCError.notFound("epoch \(number) has not started; the running epoch is \(running.number)")
            }
            let record = try snapshot.record(EpochRecord.self, at: .epochRecord(number)) ?? .empty
            let totals = try snapshot.totals()
            var object: [String: Any] = [
                "epoch": number, "height": height, "running": number == running.number,
                "work": JSONView.work(record),
                "reward_pool": String(try snapshot.account(ModuleAccount.rewardPool.address).balance),
                "settlement": record.settlement.map { JSONView.settlement($0) as Any } ?? NSNull(),
            ]
            if number == running.number {
                let end = running.lastHeight(epochLength: parameters.epochLength)
                object["start_height"] = running.startHeight
                object["end_height"] = end
                object["blocks_left"] = end >= height ? end - height : 0
                let emission = EpochModule.emission(epoch: number, parameters: parameters, totals: totals)
                object["emission"] = String(emission)
                object["emission_if_no_work"] = "0"
            }
            return object
        }
    }

    func rewards(_ params: RPCParams) throws(RPCError) -> Any {
        let address = try params.address("address")
        let limit = params.has("limit") ? try params.integer("limit") : Self.maxRewardEpochs
        guard limit >= 1, limit <= Self.maxRewardEpochs else {
            throw .invalidParams("'limit' must be between 1 and \(Self.maxRewardEpochs)")
        }
        return try read { snapshot -> [String: Any] in
            let prefix = [StateKey.Prefix.providerWork.rawValue] + address.bytes
            let entries = try snapshot.entries(withPrefix: prefix)
            var epochs = [[String: Any]]()
            var totalReward: Amount = 0, totalEarned: Amount = 0
            // Keys end in the big-endian epoch, so the scan is in epoch order; the newest `limit` are returned.
            for (key, value) in entries.suffix(Int(limit)) {
                let work = try StateKey.decode(ProviderWork.self, value, storedAt: key)
                let epoch = key.trailingNumber ?? 0
                var object = JSONView.providerWork(work)
                object["epoch"] = epoch
                epochs.append(object)
                if !work.forfeited { totalReward += work.reward ?? 0 }
                totalEarned += work.earned
            }
            return [
                "address": address.text, "height": try snapshot.height(), "epochs": epochs,
                "total_reward": String(totalReward), "total_earned": String(totalEarned),
            ]
        }
    }

    func supply() throws(RPCError) -> Any {
        try read { snapshot -> [String: Any] in
            let totals = try snapshot.totals()
            let parameters = try snapshot.parameters()
            var modules = [String: Any]()
            var held: Amount = 0
            for module in ModuleAccount.allCases {
                let balance = try snapshot.account(module.address).balance
                modules[module.rawValue] = String(balance)
                held += balance
            }
            let vesting = try snapshot.record(TeamVesting.self, at: .vesting)
            return [
                "height": try snapshot.height(), "max_supply": String(Genesis.maxSupply), "issued": String(totals.issued),
                "minted": String(totals.minted), "mining_cap": String(parameters.compute.miningCap),
                "burned": String(totals.burned), "supply": String(totals.supply),
                "circulating": String(totals.supply - min(held, totals.supply)), "fees_paid": String(totals.feesPaid),
                "staked": String(totals.staked), "unbonding": String(totals.unbonding),
                "treasury": modules[ModuleAccount.treasury.rawValue] ?? "0",
                "reward_pool": modules[ModuleAccount.rewardPool.rawValue] ?? "0",
                "liquidity": modules[ModuleAccount.liquidity.rawValue] ?? "0",
                "module_accounts": modules,
                "team_vesting": vesting.map { JSONView.vesting($0) as Any } ?? NSNull(),
            ]
        }
    }
}

extension JSONView {
    static func work(_ record: EpochRecord) -> [String: Any] {
        [
            "proofs": record.proofs, "units": String(record.totalUnits), "total_weight": String(record.totalWeight),
            "providers": record.providers.count, "payments": String(record.payments), "protocol_fees": String(record.protocolFees),
        ]
    }

    static func settlement(_ settlement: EpochSettlement) -> [String: Any] {
        [
            "end_height": settlement.endHeight, "minted": String(settlement.minted), "from_pool": String(settlement.fromPool),
            "paid_to_providers": String(settlement.paidToProviders), "to_treasury": String(settlement.toTreasury),
            "vested": String(settlement.vested),
        ]
    }

    static func providerWork(_ work: ProviderWork) -> [String: Any] {
        [
            "weight": String(work.weight), "units": String(work.units), "proofs": work.proofs, "earned": String(work.earned),
            "reward": work.reward.map { String($0) as Any } ?? NSNull(), "settled": work.reward != nil, "forfeited": work.forfeited,
        ]
    }

    static func vesting(_ vesting: TeamVesting) -> [String: Any] {
        [
            "beneficiary": vesting.beneficiary.text, "total": String(vesting.total), "released": String(vesting.released),
            "cliff_height": vesting.cliffHeight, "end_height": vesting.endHeight,
        ]
    }
}
