import Foundation
import ProofmintCore
import ProofmintStorage

/// `pm_getStake` and `pm_getProviders` (docs/RPC.md). Each answer is read from one snapshot, so its height, stakes
/// and unbonding entries always describe the same block.
extension RPCMethods {
    /// The most providers one `pm_getProviders` call returns, and the default.
    static let maxProviders: UInt64 = 1000
    static let defaultProviders: UInt64 = 100

    func stake(_ params: RPCParams) throws(RPCError) -> Any {
        let address = try params.address("address")
        return try read { snapshot -> [String: Any] in
            let height = try snapshot.height()
            let parameters = try snapshot.parameters().staking
            let stake = try snapshot.record(Stake.self, at: .stake(address))
            let queue = try snapshot.record(UnbondingQueue.self, at: .unbonding(address)) ?? UnbondingQueue(entries: [])
            return [
                "address": address.text, "height": height,
                "stake": stake.map { JSONView.stake($0, parameters: parameters, height: height) as Any } ?? NSNull(),
                "unbonding": JSONView.unbonding(queue, height: height), "unbonding_total": String(queue.total),
            ]
        }
    }

    func providers(_ params: RPCParams) throws(RPCError) -> Any {
        let limit = params.has("limit") ? try params.integer("limit") : Self.defaultProviders
        guard limit >= 1, limit <= Self.maxProviders else { throw .invalidParams("'limit' must be between 1 and \(Self.maxProviders)") }
        return try read { snapshot -> [String: Any] in
            let height = try snapshot.height()
            let parameters = try snapshot.parameters().staking
            var stakes = [Address: Stake]()
            for (key, value) in try snapshot.entries(of: .stake) {
                stakes[try Self.address(in: key)] = try StateKey.decode(Stake.self, value, storedAt: key)
            }
            var queues = [Address: UnbondingQueue]()
            for (key, value) in try snapshot.entries(of: .unbonding) {
                queues[try Self.address(in: key)] = try StateKey.decode(UnbondingQueue.self, value, storedAt: key)
            }
            let empty = Stake(amount: 0, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
            var listed = [(address: Address, stake: Stake, queue: UnbondingQueue, power: Amount)]()
            for address in Set(stakes.keys).union(queues.keys) {
                let stake = stakes[address] ?? empty
                let queue = queues[address] ?? UnbondingQueue(entries: [])
                guard stake.amount > 0 || !queue.entries.isEmpty else { continue }
                listed.append((address, stake, queue, StakingPower.of(stake, parameters: parameters, height: height)))
            }
            // A total order that never depends on dictionary or set iteration: power descending, then address text.
            listed.sort { $0.power != $1.power ? $0.power > $1.power : $0.address.text < $1.address.text }
            let providers = listed.prefix(Int(limit)).map { entry -> [String: Any] in
                var object = JSONView.stake(entry.stake, parameters: parameters, height: height)
                object["address"] = entry.address.text
                object["unbonding"] = JSONView.unbonding(entry.queue, height: height)
                object["unbonding_total"] = String(entry.queue.total)
                return object
            }
            return ["height": height, "total": listed.count, "providers": providers]
        }
    }

    private static func address(in key: StateKey) throws(StateReadError) -> Address {
        do { return try Address(bytes: Array(key.bytes.dropFirst())) } catch { throw StateReadError("state key \(key.bytes.hex) holds no address: \(error)") }
    }
}

extension JSONView {
    /// A stake record with what queries derive from it at `height`: staking power and the amount tier.
    static func stake(_ stake: Stake, parameters: StakingParameters, height: UInt64) -> [String: Any] {
        [
            "amount": String(stake.amount),
            "lock_epochs": stake.lockEpochs,
            "locked_until": stake.lockedUntil,
            "tier": stake.tier.rawValue,
            "tier_name": stake.tier.name,
            "attestation": stake.attestation.map { $0.hex as Any } ?? NSNull(),
            "reputation": stake.reputation,
            "jailed": stake.jailed,
            "power": String(StakingPower.of(stake, parameters: parameters, height: height)),
            "amount_tier": StakingPower.amountTier(stake.amount),
        ]
    }

    /// Unbonding entries in the order they were created; `matured` when `mature_at` ≤ `height`.
    static func unbonding(_ queue: UnbondingQueue, height: UInt64) -> [[String: Any]] {
        queue.entries.map { ["amount": String($0.amount), "mature_at": $0.matureAt, "matured": $0.matureAt <= height] }
    }
}
