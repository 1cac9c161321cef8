import ProofmintCore

/// `pm_getEpoch`, `pm_getRewards` and `pm_getSupply`, checked for the members the wallet prints: a node that
/// answers in another shape is reported, never half-printed.
extension NodeClient {
    public func epoch(_ number: UInt64? = nil) async throws(RPCError) -> JSONValue {
        let params: JSONValue = .object(number.map { [("epoch", .uint($0))] } ?? [])
        return try await checked("pm_getEpoch", params: params, required: ["epoch", "height", "running", "work", "reward_pool", "settlement"])
    }

    public func rewards(_ address: Address, limit: UInt64? = nil) async throws(RPCError) -> JSONValue {
        var members: [(String, JSONValue)] = [("address", .string(address.text))]
        if let limit { members.append(("limit", .uint(limit))) }
        return try await checked("pm_getRewards", params: .object(members), required: ["address", "epochs", "total_reward", "total_earned"])
    }

    public func supply() async throws(RPCError) -> JSONValue {
        try await checked("pm_getSupply", params: .object([]), required: [
            "height", "max_supply", "issued", "minted", "mining_cap", "burned", "supply", "circulating", "staked", "unbonding",
            "treasury", "reward_pool", "liquidity",
        ])
    }

    private func checked(_ method: String, params: JSONValue, required: [String]) async throws(RPCError) -> JSONValue {
        let result = try await call(method, params: params)
        do {
            let reader = try JSONObjectReader(result, path: "result")
            for member in required { _ = try reader.value(member) }
        } catch {
            throw .malformedResponse(url: url.absoluteString, method: method, reason: error.description)
        }
        return result
    }
}
