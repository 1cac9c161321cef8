import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// `pm_getStake` and `pm_getProviders` (docs/RPC.md). Each answer is read from one snapshot, so its height, stakes
/// and unbonding entries always describe the same block.
extension RPCMethods {
    /// The most providers one `pm_getProviders` call returns, and the default.
    static let maxProviders: UInt64 = 1000
    static let defaultProviders: UInt64 = 100

    func stake(_ params: AddressParams) throws(RPCErrorObject) -> StakeResult {
        try read { snapshot in
            let height = try snapshot.height()
            let parameters = try snapshot.parameters().staking
            let stake = try snapshot.record(Stake.self, at: .stake(params.address))
            let queue = try snapshot.record(UnbondingQueue.self, at: .unbonding(params.address)) ?? UnbondingQueue(entries: [])
            let attestor = try stake?.proof.attested.flatMap { attested throws(StateReadError) in
                try snapshot.record(AttestorRecord.self, at: .attestor(attested.attestor))
            }
            return StakeResult(
                address: params.address, height: height,
                stake: stake.map { StakeView($0, parameters: parameters, height: height, attestor: attestor) },
                unbonding: UnbondingView.list(queue, height: height), unbondingTotal: queue.total)
        }
    }

    func providers(_ params: LimitParams) throws(RPCErrorObject) -> ProvidersResult {
        let limit = params.limit ?? Self.defaultProviders
        guard limit >= 1, limit <= Self.maxProviders else { throw .invalidParams("'limit' must be between 1 and \(Self.maxProviders)") }
        return try read { snapshot in
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
            var attestors = [Bytes: AttestorRecord]()
            for (key, value) in try snapshot.entries(of: .attestor) {
                attestors[Array(key.bytes.dropFirst())] = try StateKey.decode(AttestorRecord.self, value, storedAt: key)
            }
            let empty = Stake(amount: 0, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
            var listed = [ProviderView]()
            for address in Set(stakes.keys).union(queues.keys) {
                let stake = stakes[address] ?? empty
                let queue = queues[address] ?? UnbondingQueue(entries: [])
                guard stake.amount > 0 || !queue.entries.isEmpty else { continue }
                listed.append(ProviderView(
                    address: address,
                    stake: StakeView(stake, parameters: parameters, height: height, attestor: stake.proof.attested.flatMap { attestors[$0.attestor.bytes] }),
                    unbonding: UnbondingView.list(queue, height: height), unbondingTotal: queue.total))
            }
            // A total order that never depends on dictionary or set iteration: power descending, then address text.
            listed.sort { $0.stake.power != $1.stake.power ? $0.stake.power > $1.stake.power : $0.address.text < $1.address.text }
            return ProvidersResult(height: height, totalCount: UInt64(listed.count), providers: Array(listed.prefix(Int(limit))))
        }
    }

    /// `pm_getAttestors`: the registry in key order (the store's order), revoked keys included.
    func attestors() throws(RPCErrorObject) -> AttestorsResult {
        try read { snapshot in
            let height = try snapshot.height()
            var listed = [AttestorView]()
            for (key, value) in try snapshot.entries(of: .attestor) {
                let record = try StateKey.decode(AttestorRecord.self, value, storedAt: key)
                guard let publicKey = try? Ed25519.PublicKey(bytes: Array(key.bytes.dropFirst())) else {
                    throw StateReadError("state key \(key.bytes.hex) holds no attestor key")
                }
                listed.append(AttestorView(publicKey: publicKey, record: record))
            }
            return AttestorsResult(height: height, attestors: listed)
        }
    }

    private static func address(in key: StateKey) throws(StateReadError) -> Address {
        do { return try Address(bytes: Array(key.bytes.dropFirst())) } catch { throw StateReadError("state key \(key.bytes.hex) holds no address: \(error)") }
    }
}
