import Foundation
import ProofmintCore

/// Fixed Ed25519 keys for tests: the seed of key `name` is `BLAKE2b-256("proofmint/test-key/" ‖ name)`, so every
/// run, machine and test derives the same key pairs (and libsodium's signatures over them are deterministic).
public enum TestKeys {
    public static func seed(_ name: String) -> Bytes { Blake2b.hash256(Array("proofmint/test-key/\(name)".utf8)) }

    public static func key(_ name: String) -> Ed25519.PrivateKey { try! Ed25519.PrivateKey(seed: seed(name)) }

    public static func address(_ name: String) -> Address { Address(publicKey: key(name).publicKey) }
}

/// A devnet in memory: a genesis built from fixed keys, an `InMemoryStateStore` holding the head state, and helpers
/// to sign transfers and to propose, sign, apply and commit blocks exactly as a node would.
public final class TestChain: @unchecked Sendable {
    public let chainId: String
    public let genesis: Genesis
    public let genesisBlock: Block
    /// The scheduled producers' signing keys, in schedule order.
    public let validatorKeys: [Ed25519.PrivateKey]
    public let store: InMemoryStateStore
    public private(set) var head: BlockHeader
    /// Every block after genesis that was committed, in order.
    public private(set) var blocks: [Block] = []
    public private(set) var outcomes: [BlockOutcome] = []

    /// The genesis JSON the chain starts from (`Genesis.parse` reads it, as `proofmintd init` would).
    ///
    /// - Parameters:
    ///   - users: names whose `TestKeys` addresses get an allocation (in base units).
    ///   - modules: module accounts with an allocation.
    ///   - parameters: JSON object text for `parameters`, or nil for the defaults.
    ///   - bonds: validators (by name) with a genesis `bond`, taken from their own allocation in `users`.
    ///   - attestors: `TestKeys` names registered as attestors at genesis, with their max tier.
    public static func genesisJSON(
        chainId: String, genesisTime: String, validators: [String],
        users: [(name: String, amount: Amount)], modules: [(module: ModuleAccount, amount: Amount)] = [],
        parameters: String? = nil, teamVesting: String? = nil, bonds: [(name: String, amount: Amount)] = [],
        attestors: [(name: String, maxTier: UInt8)] = []
    ) -> String {
        var allocations = users.map { "{\"name\": \"\($0.name)\", \"address\": \"\(TestKeys.address($0.name))\", \"amount\": \"\($0.amount)\"}" }
        allocations += modules.map { "{\"module\": \"\($0.module.rawValue)\", \"amount\": \"\($0.amount)\"}" }
        let validatorList = validators.map { name in
            let bond = bonds.first { $0.name == name }.map { ", \"bond\": \"\($0.amount)\"" } ?? ""
            return "{\"name\": \"\(name)\", \"public_key\": \"\(TestKeys.key(name).publicKey.bytes.hex)\"\(bond)}"
        }
        var fields = [
            "\"chain_id\": \"\(chainId)\"",
            "\"genesis_time\": \"\(genesisTime)\"",
            "\"validators\": [\(validatorList.joined(separator: ", "))]",
            "\"allocations\": [\(allocations.joined(separator: ", "))]",
        ]
        if let parameters { fields.append("\"parameters\": \(parameters)") }
        if let teamVesting { fields.append("\"team_vesting\": \(teamVesting)") }
        if !attestors.isEmpty {
            let list = attestors.map {
                "{\"name\": \"\($0.name)\", \"public_key\": \"\(TestKeys.key($0.name).publicKey.bytes.hex)\", \"max_tier\": \($0.maxTier)}"
            }
            fields.append("\"attestors\": [\(list.joined(separator: ", "))]")
        }
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }

    public convenience init(
        chainId: String = "proofmint-test", genesisTime: String = "2026-01-01T00:00:00Z",
        validators: [String] = ["validator-a", "validator-b"],
        users: [(name: String, amount: Amount)] = [("alice", 1_000 * Tokens.one), ("bob", 500 * Tokens.one), ("carol", 250 * Tokens.one)],
        modules: [(module: ModuleAccount, amount: Amount)] = [],
        parameters: String? = nil, teamVesting: String? = nil, bonds: [(name: String, amount: Amount)] = [],
        attestors: [(name: String, maxTier: UInt8)] = [(TestChain.attestorName, 4)]
    ) throws {
        let json = Self.genesisJSON(
            chainId: chainId, genesisTime: genesisTime, validators: validators, users: users, modules: modules,
            parameters: parameters, teamVesting: teamVesting, bonds: bonds, attestors: attestors)
        let genesis = try Genesis.parse(json: Array(json.utf8))
        try self.init(genesis: genesis, validatorKeys: validators.map(TestKeys.key))
    }

    public init(genesis: Genesis, validatorKeys: [Ed25519.PrivateKey]) throws {
        self.genesis = genesis
        self.chainId = genesis.chainId
        self.validatorKeys = validatorKeys
        let (block, outcome) = genesis.genesisBlock()
        genesisBlock = block
        store = InMemoryStateStore()
        store.commit(outcome)
        head = block.header
    }

    // MARK: - State

    public func account(_ address: Address) -> Account { (try? store.account(address)) ?? .empty }
    public func balance(_ address: Address) -> Amount { account(address).balance }
    public func nonce(_ address: Address) -> UInt64 { account(address).nonce }
    public func totals() -> ChainTotals { (try? store.totals()) ?? .zero }
    public var parameters: Parameters { genesis.parameters }

    /// The sum of every stored account balance (module accounts included).
    public func sumOfBalances() -> Amount {
        var sum: Amount = 0
        for (key, bytes) in store.values where key.prefix == .account {
            sum += (try! Account(canonical: bytes)).balance
        }
        return sum
    }

    // MARK: - Transactions

    /// A signed transfer; the nonce defaults to the sender's next nonce in the committed state.
    public func transfer(
        from sender: Ed25519.PrivateKey, to recipient: Address, amount: Amount, fee: Amount? = nil,
        nonce: UInt64? = nil, expiry: UInt64? = nil, memo: Bytes = [], chainId: String? = nil
    ) -> SignedTransaction {
        Transaction(
            chainId: chainId ?? self.chainId, sender: sender.publicKey,
            nonce: nonce ?? self.nonce(Address(publicKey: sender.publicKey)),
            fee: fee ?? parameters.minFee, expiry: expiry,
            payload: .transfer(Transfer(recipient: recipient, amount: amount, memo: memo))
        ).signed(by: sender)
    }

    /// A signed transaction of any kind; the nonce defaults to the sender's next nonce in the committed state and
    /// the fee to the minimum.
    public func transaction(
        from sender: Ed25519.PrivateKey, _ payload: Payload, fee: Amount? = nil, nonce: UInt64? = nil, expiry: UInt64? = nil,
        chainId: String? = nil
    ) -> SignedTransaction {
        Transaction(
            chainId: chainId ?? self.chainId, sender: sender.publicKey,
            nonce: nonce ?? self.nonce(Address(publicKey: sender.publicKey)),
            fee: fee ?? parameters.minFee, expiry: expiry, payload: payload
        ).signed(by: sender)
    }

    /// The attestor every default `TestChain` registers at genesis (max tier 4).
    public static let attestorName = "test-attestor"

    /// A signed `stake`: `amount` more, locked for `lockEpochs`, at privacy `tier` (tier ≥ 1 needs `attestation`).
    /// For tiers 2–4 the hash becomes the measurement of an attestation signed by `TestChain.attestorName`'s key,
    /// never expiring; pass `claim` to present anything else.
    public func stake(
        from sender: Ed25519.PrivateKey, amount: Amount, lockEpochs: UInt32 = 0, tier: PrivacyTier = .open,
        attestation: Hash32? = nil, claim: TierClaim? = nil, fee: Amount? = nil, nonce: UInt64? = nil
    ) -> SignedTransaction {
        var presented = claim ?? TierClaim(hash: attestation)
        if claim == nil, tier.rawValue >= PrivacyTier.cpuTEE.rawValue, let attestation {
            presented = .signed(attest(provider: Address(publicKey: sender.publicKey), tier: tier, measurement: attestation))
        }
        return transaction(
            from: sender, .stake(StakeRequest(amount: amount, lockEpochs: lockEpochs, tier: tier, claim: presented)),
            fee: fee, nonce: nonce)
    }

    /// An attestation for `provider` at `tier`, signed by the key of `signer` (default: the genesis test attestor).
    public func attest(
        provider: Address, tier: PrivacyTier, measurement: Hash32 = Hash32.digest(Array("test-measurement".utf8)),
        expiresAt: UInt64 = .max, signer: String = TestChain.attestorName, attestor: String? = nil, chainId: String? = nil
    ) -> SignedAttestation {
        Attestation(
            attestor: TestKeys.key(attestor ?? signer).publicKey, chainId: chainId ?? self.chainId, provider: provider, tier: tier,
            measurement: measurement, expiresAt: expiresAt
        ).signed(by: TestKeys.key(signer))
    }

    /// A signed `report_attestation` naming `provider`.
    public func reportAttestation(from sender: Ed25519.PrivateKey, provider: Address, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: sender, .reportAttestation(AttestationReport(provider: provider)), nonce: nonce)
    }

    public func unstake(from sender: Ed25519.PrivateKey, amount: Amount, fee: Amount? = nil, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: sender, .unstake(UnstakeRequest(amount: amount)), fee: fee, nonce: nonce)
    }

    public func withdraw(from sender: Ed25519.PrivateKey, fee: Amount? = nil, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: sender, .withdraw, fee: fee, nonce: nonce)
    }

    public func unjail(from sender: Ed25519.PrivateKey, fee: Amount? = nil, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: sender, .unjail, fee: fee, nonce: nonce)
    }

    public func evidence(
        from sender: Ed25519.PrivateKey, _ evidence: DoubleSignEvidence, fee: Amount? = nil, nonce: UInt64? = nil
    ) -> SignedTransaction {
        transaction(from: sender, .evidence(evidence), fee: fee, nonce: nonce)
    }

    // MARK: - Proof of Compute

    private var nextJob: UInt64 = 0

    /// A compute receipt signed by `consumer` for work by `provider`; the epoch defaults to the running one and the
    /// job id to a fresh one (a digest of a per-chain counter).
    public func receipt(
        consumer: Ed25519.PrivateKey, provider: Address, units: UInt64 = 100, quality: UInt8 = 100, price: Amount = Tokens.one,
        epoch: UInt64? = nil, workload: String = "llama-3-8b", jobId: Hash32? = nil, chainId: String? = nil
    ) -> SignedComputeReceipt {
        nextJob += 1
        let receipt = ComputeReceipt(
            chainId: chainId ?? self.chainId, jobId: jobId ?? Hash32.digest(Array("job/\(nextJob)".utf8)), consumer: consumer.publicKey,
            provider: provider, epoch: epoch ?? epochState().number, workload: workload,
            modelHash: Hash32.digest(Array("model/\(workload)".utf8)), inputHash: Hash32.digest(Array("input/\(nextJob)".utf8)),
            outputHash: Hash32.digest(Array("output/\(nextJob)".utf8)), units: units, quality: quality, price: price)
        return receipt.signed(by: consumer)
    }

    public func receiptRecord(_ job: Hash32) -> ReceiptRecord? { try! store.record(ReceiptRecord.self, at: .receipt(job)) }

    public func computeValidators() -> ComputeValidators { (try! store.record(ComputeValidators.self, at: .computeValidators)) ?? .empty }

    public func validatorTransaction(from sender: Ed25519.PrivateKey, join: Bool = true, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: sender, .validator(ValidatorRequest(join: join)), nonce: nonce)
    }

    public func verdict(
        from validator: Ed25519.PrivateKey, job: Hash32, _ verdict: Verdict = .pass, quality: UInt8 = 100, slashBps: UInt16 = 0,
        nonce: UInt64? = nil
    ) -> SignedTransaction {
        transaction(from: validator, .validate(VerdictRequest(jobId: job, verdict: verdict, quality: quality, slashBps: slashBps)), nonce: nonce)
    }

    public func challenge(from challenger: Ed25519.PrivateKey, job: Hash32, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: challenger, .challenge(ChallengeRequest(jobId: job)), nonce: nonce)
    }

    public func resolve(from validator: Ed25519.PrivateKey, job: Hash32, uphold: Bool, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: validator, .resolve(ResolveRequest(jobId: job, uphold: uphold)), nonce: nonce)
    }

    public func submitProof(from provider: Ed25519.PrivateKey, _ receipt: SignedComputeReceipt, fee: Amount? = nil, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: provider, .submitProof(receipt), fee: fee, nonce: nonce)
    }

    public func epochState() -> EpochState { (try! store.record(EpochState.self, at: .epoch)) ?? .genesis }

    public func epochRecord(_ epoch: UInt64) -> EpochRecord? { try! store.record(EpochRecord.self, at: .epochRecord(epoch)) }

    public func providerWork(_ provider: Address, epoch: UInt64) -> ProviderWork? {
        try! store.record(ProviderWork.self, at: .providerWork(provider, epoch: epoch))
    }

    /// Produces empty blocks until the running epoch is `epoch`.
    public func advance(toEpoch epoch: UInt64) throws {
        while epochState().number < epoch { try produce([]) }
    }

    // MARK: - Governance

    public func propose(
        from proposer: Ed25519.PrivateKey, _ content: ProposalContent, deposit: Amount? = nil, nonce: UInt64? = nil
    ) -> SignedTransaction {
        transaction(from: proposer, .propose(ProposalRequest(deposit: deposit ?? parameters.governance.minDeposit, content: content)), nonce: nonce)
    }

    public func vote(from voter: Ed25519.PrivateKey, proposal: UInt64, _ option: VoteOption, nonce: UInt64? = nil) -> SignedTransaction {
        transaction(from: voter, .vote(VoteRequest(proposal: proposal, option: option)), nonce: nonce)
    }

    public func proposal(_ id: UInt64) -> GovernanceProposal? { try! store.record(GovernanceProposal.self, at: .proposal(id)) }

    public func governanceState() -> GovernanceState { (try! store.record(GovernanceState.self, at: .governance)) ?? .initial }

    /// The proposals voting or waiting for execution, ascending (what protocol 1 kept as `GovernanceState.active`).
    public func openProposals() -> [UInt64] {
        (1..<governanceState().nextProposalId).filter { proposal($0)?.isOpen ?? false }
    }

    /// A proposal's voters in the order of their first vote, from the voter index records.
    public func voters(of id: UInt64) -> [Address] {
        guard let proposal = proposal(id) else { return [] }
        return try! GovernanceVoters.all(of: proposal, state: store)
    }

    /// The parameters in force now (governance may have changed the genesis ones).
    public func currentParameters() -> Parameters { try! store.parameters() }

    // MARK: - Double-sign evidence

    /// A header at `height` whose roots are derived from `variant` (so different variants give different blocks at
    /// one height), naming `producer` (default: the signer's key) and signed by `signer` over the block domain.
    public func signedHeader(
        height: UInt64, signer: Ed25519.PrivateKey, variant: UInt8 = 0, producer: Bytes? = nil, chainId: String? = nil,
        parentHash: Hash32? = nil
    ) -> SignedHeader {
        let header = BlockHeader(
            chainId: chainId ?? self.chainId, height: height, parentHash: parentHash ?? Hash32.digest([0x70, variant]),
            timestamp: genesis.genesisTime + height * 1000, transactionRoot: .zero, receiptRoot: .zero,
            stateRoot: Hash32.digest([0x73, variant]), transactionCount: 0, producer: producer ?? signer.publicKey.bytes,
            beacon: BlockHeader.genesisBeacon)
        return SignedHeader(header: header, signature: signer.signature(for: header.signingMessage))
    }

    /// Proof that `validator` signed two different blocks at `height`: variants 1 and 2 of `signedHeader`.
    public func doubleSign(by validator: Ed25519.PrivateKey, height: UInt64) -> DoubleSignEvidence {
        DoubleSignEvidence(
            first: signedHeader(height: height, signer: validator, variant: 1),
            second: signedHeader(height: height, signer: validator, variant: 2))
    }

    // MARK: - Staking state

    public func stakeRecord(_ address: Address) -> Stake? { try! store.record(Stake.self, at: .stake(address)) }

    public func unbonding(_ address: Address) -> UnbondingQueue {
        (try! store.record(UnbondingQueue.self, at: .unbonding(address))) ?? UnbondingQueue(entries: [])
    }

    /// The sum of every stored stake's active amount.
    public func sumOfStakes() -> Amount {
        var sum: Amount = 0
        for (key, bytes) in store.values where key.prefix == .stake { sum += (try! Stake(canonical: bytes)).amount }
        return sum
    }

    /// The sum of every stored unbonding entry.
    public func sumOfUnbonding() -> Amount {
        var sum: Amount = 0
        for (key, bytes) in store.values where key.prefix == .unbonding { sum += (try! UnbondingQueue(canonical: bytes)).total }
        return sum
    }

    /// Writes records straight into the store and its tree (nil deletes), as if an earlier history had produced
    /// them. The head header is unchanged; blocks built afterwards start from the planted state.
    public func plant(_ records: [(StateKey, Bytes?)]) throws {
        let writes = records.map { (key: $0.0, value: $0.1) }
        let tree = try StateTree.update(writes.map { StateTree.Update(key: $0.key.treeKey, valueHash: $0.value.map(Hash32.digest)) }, reader: store)
        store.apply(writes: writes, treeNodes: tree.nodes)
    }

    /// Calls the slashing entry point (`StakingModule.slash`, which governance will call) on the head state and
    /// commits its writes outside any block, as the test hook for slashes not caused by a transaction.
    @discardableResult
    public func slash(_ provider: Address, bps: UInt16, reason: SlashReason) throws -> [Event] {
        var overlay = StateOverlay(base: store)
        let events = try StakingModule.slash(provider, bps: bps, reason: reason, height: head.height, state: &overlay)
        let writes = overlay.sortedWrites
        let tree = try StateTree.update(writes.map { StateTree.Update(key: $0.key.treeKey, valueHash: $0.value.map(Hash32.digest)) }, reader: store)
        store.apply(writes: writes, treeNodes: tree.nodes)
        return events
    }

    /// Produces empty blocks until the head is at `height`.
    public func advance(to height: UInt64) throws {
        while head.height < height { try produce([]) }
    }

    // MARK: - Blocks

    public var nextHeight: UInt64 { head.height + 1 }

    /// The key scheduled to produce block `height` (`validators[(height − 1) mod n]`).
    public func producerKey(at height: UInt64) -> Ed25519.PrivateKey {
        validatorKeys[Int((height - 1) % UInt64(validatorKeys.count))]
    }

    /// The key scheduled to produce the next block stamped `timestamp`: a stamp more than a slot timeout after the head
    /// passes the turn on (§4.4).
    public func producerKey(at height: UInt64, timestamp: UInt64) throws -> Ed25519.PrivateKey {
        let scheduled = try StateTransition.scheduledProducer(height: height, parentTimestamp: head.timestamp, timestamp: timestamp, state: store)
        guard let key = validatorKeys.first(where: { $0.publicKey == scheduled?.publicKey }) else {
            throw StateReadError("no test key for the validator scheduled at height \(height)")
        }
        return key
    }

    /// The timestamp a block gets when none is given: one second after the head.
    public var nextTimestamp: UInt64 { head.timestamp + 1000 }

    /// Proposes the next block from `candidates` on the head state and signs it as the scheduled producer.
    /// Commits nothing.
    public func propose(_ candidates: [SignedTransaction], timestamp: UInt64? = nil) throws -> (block: Block, proposal: BlockProposal) {
        let stamp = max(timestamp ?? nextTimestamp, head.timestamp)
        let producer = try producerKey(at: nextHeight, timestamp: stamp)
        let beacon = try BlockHeader.beaconProof(chainId: head.chainId, height: nextHeight, producer: producer)
        let proposal = try StateTransition.propose(
            candidates: candidates, parent: head, timestamp: stamp,
            producer: producer.publicKey, beacon: beacon, state: store)
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: producer)
        return (block, proposal)
    }

    /// The randomness mix (`0x29`) that `block` leaves when applied on a state whose values are `before`: what every
    /// block writes even when nothing else changes.
    public static func mix(after block: Block, before: [StateKey: Bytes]) throws -> Bytes {
        guard let output = VRF.output(proof: block.header.beacon) else { throw StateReadError("block \(block.height) has no beacon output") }
        let previous = try before[.randomnessMix].map { try Hash32(bytes: $0) } ?? .zero
        return RandomnessMix.next(previous: previous, beacon: Hash32.digest(output)).bytes
    }

    /// The current randomness mix (zero before the first block).
    public func randomnessMix() throws -> Hash32 {
        try store.value(for: .randomnessMix).map { try Hash32(bytes: $0) } ?? .zero
    }

    /// Checks and executes `block` on the head state with `StateTransition.apply`, then commits it.
    @discardableResult
    public func apply(_ block: Block) throws -> BlockOutcome {
        let outcome = try StateTransition.apply(block, parent: head, state: store)
        store.commit(outcome)
        head = outcome.header
        blocks.append(block)
        outcomes.append(outcome)
        return outcome
    }

    /// Proposes, signs, applies and commits the next block.
    @discardableResult
    public func produce(_ candidates: [SignedTransaction], timestamp: UInt64? = nil) throws -> (block: Block, outcome: BlockOutcome, dropped: [(transaction: SignedTransaction, error: TransactionError)]) {
        let (block, proposal) = try propose(candidates, timestamp: timestamp)
        let outcome = try apply(block)
        return (block, outcome, proposal.dropped)
    }

    /// A signed block on the head with these transactions, a correct transaction root and count, and the given
    /// (by default zero) receipt and state roots, and the producer's beacon for the height unless `beacon` is given:
    /// for tests of what `apply` refuses.
    public func rawBlock(
        _ transactions: [SignedTransaction], timestamp: UInt64? = nil, receiptRoot: Hash32 = .zero,
        stateRoot: Hash32 = .zero, producer: Ed25519.PrivateKey? = nil, beacon: Bytes? = nil
    ) -> Block {
        let key = producer ?? producerKey(at: nextHeight)
        let header = BlockHeader(
            chainId: chainId, height: nextHeight, parentHash: head.hash, timestamp: timestamp ?? nextTimestamp,
            transactionRoot: Block.transactionRoot(transactions), receiptRoot: receiptRoot, stateRoot: stateRoot,
            transactionCount: UInt32(transactions.count), producer: key.publicKey.bytes,
            beacon: beacon ?? (try? BlockHeader.beaconProof(chainId: chainId, height: nextHeight, producer: key)) ?? BlockHeader.genesisBeacon)
        return Block.sign(header: header, transactions: transactions, producer: key)
    }
}
