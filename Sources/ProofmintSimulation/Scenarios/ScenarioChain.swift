import ProofmintCore

/// A chain for attack scenarios: a genesis built in code, deterministic keys, and blocks that go through
/// `StateTransition.propose` and `apply` exactly as a node builds and imports them. Only what a scenario submits
/// happens; every figure it reports is read back from the state.
final class ScenarioChain {
    struct Participant {
        let key: Ed25519.PrivateKey
        let address: Address
    }

    static let chainId = "proofmint-scenario-1"
    static let genesisTime: UInt64 = 1_767_225_600_000

    let parameters: Parameters
    private let store = MemoryStateStore()
    private let validator: Ed25519.PrivateKey
    private(set) var head: BlockHeader
    /// The wall time one block stands for: time-like parameters are scaled to it (see `compressedTime`).
    private let blockMillis: UInt64

    /// `validatorBond`: stake the validator bonds at genesis from an allocation of the same amount (none by default);
    /// `attestors`: the attestor registry at genesis (none by default).
    init(
        parameters: Parameters, allocations: [(Participant, Amount)], modules: [(ModuleAccount, Amount)], validatorBond: Amount = 0,
        attestors: [GenesisAttestor] = []
    ) throws(ScenarioError) {
        self.parameters = parameters
        blockMillis = parameters.governance.blockTimeMs
        validator = try Self.key("validator", 0)
        let validatorAddress = Address(publicKey: validator.publicKey)
        var entries = allocations.enumerated().map { index, entry in
            Genesis.Allocation(name: "account-\(index)", address: entry.0.address, amount: entry.1)
        }
        entries += modules.map { Genesis.Allocation(name: $0.0.rawValue, address: $0.0.address, amount: $0.1) }
        if validatorBond > 0 { entries.append(Genesis.Allocation(name: "validator", address: validatorAddress, amount: validatorBond)) }
        let genesis = Genesis(
            chainId: Self.chainId, genesisTime: Self.genesisTime, parameters: parameters,
            validators: ValidatorSet(validators: [.init(name: "scenario-validator", publicKey: validator.publicKey)]),
            allocations: entries,
            bonds: validatorBond > 0 ? [ValidatorBond(address: validatorAddress, amount: validatorBond)] : [], attestors: attestors)
        let (block, outcome) = genesis.genesisBlock()
        store.commit(outcome)
        head = block.header
    }

    /// The devnet's parameters with time compressed: one block stands for an hour, so a 7-day vote is 168 blocks, the
    /// one-day timelock 24 and the quarter of the parameter step rule 2,160. Everything counted in blocks that races
    /// a vote (unbonding: 20) is left as it is, so the race is the devnet's, and slower for the attacker, not faster.
    static var compressedTime: Parameters {
        var parameters = Parameters.defaults
        parameters.governance.blockTimeMs = 3_600_000
        parameters.governance.timelockBlocks = 24
        parameters.governance.changeWindowBlocks = 2_160
        return parameters
    }

    /// Participant `role`/`index`: its key derives from the role and index, so every run has the same accounts.
    static func participant(_ role: String, _ index: Int) throws(ScenarioError) -> Participant {
        let key = try key(role, index)
        return Participant(key: key, address: Address(publicKey: key.publicKey))
    }

    private static func key(_ role: String, _ index: Int) throws(ScenarioError) -> Ed25519.PrivateKey {
        let material = Blake2b.hash256(parts: [Array("proofmint/scenario/key/\(role)".utf8), Array(String(index).utf8)])
        do { return try Ed25519.PrivateKey(seed: material) } catch { throw .chain("key \(role) \(index): \(error)") }
    }

    /// Signs `payload` from each sender with its next nonce and the minimum fee, and includes them all, in blocks of
    /// at most `max_block_transactions`. Returns the receipts in order.
    @discardableResult
    func submit(_ payloads: [(Participant, Payload)]) throws(ScenarioError) -> [Receipt] {
        var nonces = NonceBook()
        var signed = [SignedTransaction]()
        for (sender, payload) in payloads {
            let nonce = try nonces.take(for: sender.address) { () throws(ScenarioError) in
                try read { () throws(StateReadError) in try store.account(sender.address).nonce }
            }
            let transaction = Transaction(chainId: Self.chainId, sender: sender.key.publicKey, nonce: nonce, fee: parameters.minFee, payload: payload)
            signed.append(transaction.signed(by: sender.key))
        }
        var receipts = [Receipt]()
        var start = 0
        let size = max(1, Int(parameters.maxBlockTransactions))
        repeat {
            let chunk = Array(signed[start..<min(signed.count, start + size)])
            receipts += try produce(chunk)
            start += size
        } while start < signed.count
        return receipts
    }

    /// One transaction, in a block of its own.
    @discardableResult
    func submit(_ sender: Participant, _ payload: Payload) throws(ScenarioError) -> Receipt {
        guard let receipt = try submit([(sender, payload)]).first else { throw .chain("a block lost its transaction") }
        return receipt
    }

    /// Empty blocks until the head is at `height` (every end-of-block step runs).
    func advance(to height: UInt64) throws(ScenarioError) {
        while head.height < height { _ = try produce([]) }
    }

    private func produce(_ candidates: [SignedTransaction]) throws(ScenarioError) -> [Receipt] {
        let height = head.height + 1
        let (offset, overflow) = height.multipliedReportingOverflow(by: blockMillis)
        let (timestamp, late) = Self.genesisTime.addingReportingOverflow(offset)
        let proposal: BlockProposal
        do {
            let beacon = try BlockHeader.beaconProof(chainId: head.chainId, height: height, producer: validator)
            proposal = try StateTransition.propose(
                candidates: candidates, parent: head, timestamp: overflow || late ? .max : timestamp, producer: validator.publicKey,
                beacon: beacon, state: store)
        } catch {
            throw .chain("block \(height): \(error)")
        }
        if let (transaction, error) = proposal.dropped.first {
            throw .chain("block \(height) left out a \(transaction.transaction.payload.kind.name): \(error)")
        }
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator)
        let outcome: BlockOutcome
        do { outcome = try StateTransition.apply(block, parent: head, state: store) } catch {
            throw .chain("block \(height) does not re-apply: \(error)")
        }
        store.commit(outcome)
        head = outcome.header
        return outcome.receipts
    }

    /// The address of the chain's one validator.
    var validatorAddress: Address { Address(publicKey: validator.publicKey) }

    /// Two different headers for the head's height, both signed by the validator: the head itself, and the same
    /// header with another timestamp (what a validator that signs two blocks for one slot leaves behind).
    func equivocation() -> DoubleSignEvidence {
        var other = head
        other.timestamp += 1
        let sign = { (header: BlockHeader) in SignedHeader(header: header, signature: Block.sign(header: header, transactions: [], producer: self.validator).signature) }
        return DoubleSignEvidence(first: sign(head), second: sign(other))
    }

    func balance(_ address: Address) throws(ScenarioError) -> Amount {
        try read { () throws(StateReadError) in try store.account(address).balance }
    }

    func record<T: CanonicalDecodable>(_ type: T.Type, at key: StateKey) throws(ScenarioError) -> T? {
        try read { () throws(StateReadError) in try store.record(T.self, at: key) }
    }

    func totals() throws(ScenarioError) -> ChainTotals { try read { () throws(StateReadError) in try store.totals() } }

    /// The randomness mix after the head: what anyone can see before the next block.
    func randomnessMix() throws(ScenarioError) -> Hash32 {
        do { return try StateOverlay(base: store).randomnessMix() } catch { throw .chain("the randomness mix does not read: \(error)") }
    }

    /// The parameters after the head (governance may have changed them).
    func parametersInForce() throws(ScenarioError) -> Parameters { try read { () throws(StateReadError) in try store.parameters() } }

    /// The proposal's status name after the head.
    func proposalStatus(_ id: UInt64) throws(ScenarioError) -> String {
        try record(GovernanceProposal.self, at: .proposal(id))?.status.name ?? "missing"
    }

    private func read<T>(_ body: () throws(StateReadError) -> T) throws(ScenarioError) -> T {
        do { return try body() } catch { throw .chain("cannot read the state: \(error)") }
    }
}
