import ProofmintCore

/// Runs the node's state transition over a synthetic economy: a genesis built in code with seed 001's allocations,
/// providers who stake at assorted privacy tiers and locks, consumers who buy compute (signing receipts that the
/// providers submit) and send transfers, and one validator that proposes, signs and re-checks every block.
///
/// Nothing here models the economics: minting, fee burns, pool payouts, vesting and unbonding all happen inside
/// `StateTransition`, and the rows are read back from the state it leaves. All randomness comes from one seeded
/// generator and the keys derive from the seed, so a configuration always produces the same chain.
public final class Simulator {
    /// A synthetic account: its signing key and address.
    struct Participant {
        let key: Ed25519.PrivateKey
        let address: Address
    }

    public static let chainId = "proofmint-sim-1"
    /// 2026-01-01T00:00:00Z, as the devnet.
    public static let genesisTime: UInt64 = 1_767_225_600_000
    static let workloads = ["llama-3-8b", "llama-3-70b", "mixtral-8x7b", "sdxl-1.0", "whisper-large-v3"]

    private let config: SimulationConfig
    private let parameters: Parameters
    private let store = MemoryStateStore()
    private var head: BlockHeader
    private let genesisTotals: ChainTotals
    private let validator: Ed25519.PrivateKey
    /// The simulated TEE vendor: registered at genesis for tiers up to 4, it signs the attestations of the providers
    /// that draw tiers 2–4 (protocol version 3), valid for the whole run.
    private let attestor: Ed25519.PrivateKey
    private let providers: [Participant]
    private let consumers: [Participant]
    /// Each provider's usual quality score (40–100); single jobs vary around it.
    private var providerQuality: [UInt8] = []
    private let fee: Amount
    private let blockMillis: UInt64
    private var random: SimulationRandom
    private var jobCounter: UInt64 = 0
    /// Next nonces of the senders in the block being built (committed nonce plus this block's transactions).
    private var nonces = NonceBook()
    /// What the block being built already moves out of each sender's balance (stakes, top-ups), so later
    /// transactions in it are sized to what will be left.
    private var spent: [Address: Amount] = [:]
    private var rows: [SimulationRow] = []
    private var transactions: UInt64 = 0
    private var failedTransactions: UInt64 = 0

    /// Builds the chain described by `config` and runs it for `config.epochs` epochs; `onEpoch` sees each row as it
    /// is recorded (for progress output).
    public static func run(
        _ config: SimulationConfig, onEpoch: (SimulationRow) -> Void = { _ in }
    ) throws(SimulationError) -> SimulationResult {
        let simulator = try Simulator(config: config)
        return try simulator.execute(onEpoch: onEpoch)
    }

    private init(config: SimulationConfig) throws(SimulationError) {
        self.config = config
        parameters = try config.parameters()
        let blocksPerYear = config.blocksPerYear ?? 1
        random = SimulationRandom(seed: config.seed)
        validator = try Self.key("validator", 0, seed: config.seed)
        attestor = try Self.key("attestor", 0, seed: config.seed)
        providers = try (0..<config.providers).map { (index) throws(SimulationError) in
            try Self.participant("provider", index, seed: config.seed)
        }
        consumers = try (0..<config.consumers).map { (index) throws(SimulationError) in
            try Self.participant("consumer", index, seed: config.seed)
        }
        fee = config.transactionFee ?? parameters.minFee
        blockMillis = max(1, 365 * 86_400_000 / blocksPerYear)

        let genesis = try Self.genesis(
            config: config, parameters: parameters, validator: validator, attestor: attestor, providers: providers, consumers: consumers,
            team: try Self.participant("team", 0, seed: config.seed).address)
        do {
            let (block, outcome) = try genesis.genesisBlock()
            store.commit(outcome)
            head = block.header
            genesisTotals = try store.totals()
        } catch {
            throw .block(height: 0, reason: "cannot build the genesis state: \(error)")
        }
    }

    /// Seed 001's allocations (the public sale less what funds the synthetic accounts), one validator, and the
    /// team allocation vesting over 4 simulated years after a 1-year cliff, as `team_vesting` sets it by default.
    private static func genesis(
        config: SimulationConfig, parameters: Parameters, validator: Ed25519.PrivateKey, attestor: Ed25519.PrivateKey,
        providers: [Participant], consumers: [Participant], team: Address
    ) throws(SimulationError) -> Genesis {
        let funding = config.fundingNeeded ?? .max
        var allocations = providers.enumerated().map { index, provider in
            Genesis.Allocation(name: "provider-\(index)", address: provider.address, amount: config.providerBalance)
        }
        allocations += consumers.enumerated().map { index, consumer in
            Genesis.Allocation(name: "consumer-\(index)", address: consumer.address, amount: config.consumerBalance)
        }
        for (module, amount) in SimulationConfig.moduleAllocations {
            let remaining = module == .publicSale ? amount - min(amount, funding) : amount
            if remaining > 0 { allocations.append(Genesis.Allocation(name: module.rawValue, address: module.address, amount: remaining)) }
        }
        let year = parameters.compute.blocksPerYear
        let (fourYears, overflow) = year.multipliedReportingOverflow(by: 4)
        let teamTotal = SimulationConfig.moduleAllocations.first { $0.module == .team }?.amount ?? 0
        return Genesis(
            chainId: chainId, genesisTime: genesisTime, parameters: parameters,
            validators: ValidatorSet(validators: [.init(name: "sim-validator", publicKey: validator.publicKey)]),
            allocations: allocations,
            teamVesting: TeamVesting(
                beneficiary: team, total: teamTotal, cliffHeight: year, endHeight: overflow ? .max : fourYears, released: 0),
            attestors: [GenesisAttestor(name: "sim-attestor", publicKey: attestor.publicKey, maxTier: .teeIO)])
    }

    // MARK: - Running

    private func execute(onEpoch: (SimulationRow) -> Void) throws(SimulationError) -> SimulationResult {
        while UInt64(rows.count) < config.epochs {
            let epoch = try read { () throws(StateReadError) in try store.record(EpochState.self, at: .epoch) } ?? .genesis
            try produceBlock(epoch: epoch)
            let next = try read { () throws(StateReadError) in try store.record(EpochState.self, at: .epoch) } ?? .genesis
            if next.number != epoch.number {
                let row = try recordRow(epoch: epoch.number)
                rows.append(row)
                onEpoch(row)
            }
        }
        return SimulationResult(
            config: config, parameters: parameters, genesisTotals: genesisTotals, rows: rows, blocks: head.height,
            transactions: transactions, failedTransactions: failedTransactions, finalStateRoot: head.stateRoot)
    }

    /// Builds this block's transactions, proposes the block as the node's producer does, signs it, re-checks it
    /// with `StateTransition.apply` as an importing node would, and commits it.
    private func produceBlock(epoch: EpochState) throws(SimulationError) {
        let height = head.height + 1
        nonces.reset()
        spent.removeAll(keepingCapacity: true)
        var candidates = [SignedTransaction]()
        if height == 1 {
            candidates += try initialStakes()
        } else if height == epoch.startHeight {
            candidates += try stakeChurn(height: height)
            candidates += try marketTopUps()
        }
        candidates += try jobs(epoch: epoch.number)
        candidates += try transfers()

        // Simulated time: a year of blocks spans 365 days (saturating; the bounds on the options keep it far off).
        let (offset, overflow) = height.multipliedReportingOverflow(by: blockMillis)
        let (timestamp, late) = Self.genesisTime.addingReportingOverflow(offset)
        let proposal: BlockProposal
        do {
            proposal = try StateTransition.propose(
                candidates: candidates, parent: head, timestamp: overflow || late ? .max : timestamp,
                producer: validator.publicKey, state: store)
        } catch {
            throw .block(height: height, reason: error.description)
        }
        if let (transaction, error) = proposal.dropped.first {
            throw .transactionRefused(height: height, kind: transaction.transaction.payload.kind.name, reason: error.description)
        }
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator)
        let outcome: BlockOutcome
        if config.verifyBlocks {
            do { outcome = try StateTransition.apply(block, parent: head, state: store) } catch {
                throw .block(height: height, reason: "the proposed block does not re-apply: \(error)")
            }
        } else {
            outcome = proposal.outcome
        }
        store.commit(outcome)
        head = outcome.header
        transactions += UInt64(outcome.receipts.count)
        failedTransactions += UInt64(outcome.receipts.filter { $0.code != 0 }.count)
    }

    /// The row for `epoch`, which ended with the block just committed.
    private func recordRow(epoch: UInt64) throws(SimulationError) -> SimulationRow {
        try read { () throws(StateReadError) in
            let totals = try store.totals()
            let record = try store.record(EpochRecord.self, at: .epochRecord(epoch)) ?? .empty
            let settlement = record.settlement
            let previousBurned = rows.last?.cumulativeBurned ?? genesisTotals.burned
            return SimulationRow(
                epoch: epoch, endHeight: settlement?.endHeight ?? head.height, year: epoch / config.epochsPerYear + 1,
                supply: totals.supply, issued: totals.issued, minted: settlement?.minted ?? 0, cumulativeMinted: totals.minted,
                burned: totals.burned - min(previousBurned, totals.burned), cumulativeBurned: totals.burned, feesPaid: totals.feesPaid,
                treasury: try store.account(ModuleAccount.treasury.address).balance,
                rewardPool: try store.account(ModuleAccount.rewardPool.address).balance,
                liquidity: try store.account(ModuleAccount.liquidity.address).balance,
                staked: totals.staked, unbonding: totals.unbonding, proofs: record.proofs, units: record.totalUnits,
                payments: record.payments, paidToProviders: settlement?.paidToProviders ?? 0)
        }
    }

    // MARK: - Synthetic activity

    /// Block 1: every provider stakes a random amount (at least the minimum) at a random privacy tier and lock step;
    /// tiers above `open` carry an attestation hash, as the staking rules require.
    private func initialStakes() throws(SimulationError) -> [SignedTransaction] {
        let minStake = parameters.staking.minStake
        let locks = parameters.staking.lockSteps.map(\.minEpochs)
        var stakes = [SignedTransaction]()
        for (index, provider) in providers.enumerated() {
            let amount = max(minStake, random.amount(minStake, config.providerBalance / 2) / Tokens.one * Tokens.one)
            let tier = PrivacyTier(rawValue: UInt8(random.below(UInt64(PrivacyTier.allCases.count)))) ?? .open
            let lock = locks.isEmpty ? 0 : locks[random.index(locks.count)]
            let measurement = Hash32.digest(parts: [Array("proofmint/simulation/attestation".utf8), Self.bytes(config.seed), Self.bytes(UInt64(index))])
            providerQuality.append(UInt8(random.uint64(40, 100)))
            let request = StakeRequest(amount: amount, lockEpochs: lock, tier: tier, claim: claim(tier: tier, provider: provider, measurement: measurement))
            stakes.append(try transaction(from: provider, .stake(request)))
        }
        return stakes
    }

    /// What a stake at `tier` presents: nothing, the bare hash (tier 1), or the simulated attestor's signature over
    /// the provider and its measurement, never expiring within a run (tiers 2–4).
    private func claim(tier: PrivacyTier, provider: Participant, measurement: Hash32) -> TierClaim {
        switch tier {
        case .open: return .none
        case .atRest: return .hash(measurement)
        case .cpuTEE, .gpuTEE, .teeIO:
            let statement = Attestation(
                attestor: attestor.publicKey, chainId: Self.chainId, provider: provider.address, tier: tier, measurement: measurement,
                expiresAt: .max)
            return .signed(statement.signed(by: attestor))
        }
    }

    /// At each epoch's first block: providers withdraw matured unbonding entries; now and then one provider whose
    /// lock has ended unstakes a quarter of its stake (0.1% of it is burned), and one restakes a quarter of its
    /// liquid balance, so staked and unbonding totals move as they would on a live chain.
    private func stakeChurn(height: UInt64) throws(SimulationError) -> [SignedTransaction] {
        let staking = parameters.staking
        var churn = [SignedTransaction]()
        var pending = [Address: Int]()
        for provider in providers {
            let queue = try read { () throws(StateReadError) in try store.record(UnbondingQueue.self, at: .unbonding(provider.address)) }
            guard let entries = queue?.entries, !entries.isEmpty else { continue }
            pending[provider.address] = entries.filter { $0.matureAt > height }.count
            if entries.contains(where: { $0.matureAt <= height }) { churn.append(try transaction(from: provider, .withdraw)) }
        }
        if random.chance(1, in: 2) {
            let provider = providers[random.index(providers.count)]
            if let stake = try stake(of: provider), !stake.jailed, stake.lockedUntil <= height, stake.amount >= 2 * staking.minStake,
               pending[provider.address, default: 0] < Int(staking.maxUnbondingEntries) {
                churn.append(try transaction(from: provider, .unstake(UnstakeRequest(amount: stake.amount / 4))))
            }
        }
        if random.chance(1, in: 2) {
            let provider = providers[random.index(providers.count)]
            let amount = try available(provider) / 4 / Tokens.one * Tokens.one
            if amount > 0, let stake = try stake(of: provider), !stake.jailed, stake.amount > 0 {
                spent[provider.address, default: 0] += amount
                let measurement = stake.proof.attested?.measurement ?? stake.proof.hash ?? .zero
                let claim = claim(tier: stake.tier, provider: provider, measurement: measurement)
                let request = StakeRequest(amount: amount, lockEpochs: stake.lockEpochs, tier: stake.tier, claim: claim)
                churn.append(try transaction(from: provider, .stake(request)))
            }
        }
        return churn
    }

    /// At each epoch's first block, every consumer whose balance fell below half its genesis balance buys tokens back
    /// up to it from a provider that has them (a transfer, as a market trade settles on chain). Without this the
    /// consumers' money would drain into the providers' accounts, and once they could no longer pay, no work would be
    /// accepted and nothing minted: a long run would measure an empty market.
    private func marketTopUps() throws(SimulationError) -> [SignedTransaction] {
        var topUps = [SignedTransaction]()
        // Enough left for the provider's fees in this block, whatever it submits.
        let reserve = fee * Amount(config.jobsPerBlock + config.transfersPerBlock + 10)
        for consumer in consumers {
            let balance = try read { () throws(StateReadError) in try store.account(consumer.address).balance }
            guard balance < config.consumerBalance / 2 else { continue }
            let need = config.consumerBalance - balance
            let start = random.index(providers.count)
            for offset in 0..<providers.count {
                let provider = providers[(start + offset) % providers.count]
                guard try available(provider) >= need + reserve else { continue }
                spent[provider.address, default: 0] += need
                topUps.append(try transaction(from: provider, .transfer(Transfer(recipient: consumer.address, amount: need))))
                break
            }
        }
        return topUps
    }

    /// `jobsPerBlock` compute jobs: a random consumer buys work from a random provider for the running epoch, signs
    /// the receipt, and the provider submits it.
    private func jobs(epoch: UInt64) throws(SimulationError) -> [SignedTransaction] {
        var submissions = [SignedTransaction]()
        submissions.reserveCapacity(config.jobsPerBlock)
        for _ in 0..<config.jobsPerBlock {
            let consumer = consumers[random.index(consumers.count)]
            let providerIndex = random.index(providers.count)
            let base = Int(providerIndex < providerQuality.count ? providerQuality[providerIndex] : 80)
            let quality = UInt8(min(Int(ComputeReceipt.maxQualityScore), max(0, base + Int(random.below(21)) - 10)))
            jobCounter += 1
            let receipt = ComputeReceipt(
                chainId: Self.chainId,
                jobId: Hash32.digest(parts: [Array("proofmint/simulation/job".utf8), Self.bytes(config.seed), Self.bytes(jobCounter)]),
                consumer: consumer.key.publicKey, provider: providers[providerIndex].address, epoch: epoch,
                workload: Self.workloads[random.index(Self.workloads.count)], units: random.uint64(config.minUnits, config.maxUnits),
                quality: quality, price: random.amount(config.minPrice, config.maxPrice))
            submissions.append(try transaction(from: providers[providerIndex], .submitProof(receipt.signed(by: consumer.key))))
        }
        return submissions
    }

    /// `transfersPerBlock` transfers of 0.01–10 AI from a random consumer to any other participant.
    private func transfers() throws(SimulationError) -> [SignedTransaction] {
        let everyone = providers + consumers
        var sent = [SignedTransaction]()
        for _ in 0..<config.transfersPerBlock {
            let senderIndex = random.index(consumers.count)
            var recipientIndex = random.index(everyone.count - 1)
            if recipientIndex >= providers.count + senderIndex { recipientIndex += 1 }
            let amount = random.amount(Tokens.one / 100, 10 * Tokens.one)
            let transfer = Transfer(recipient: everyone[recipientIndex].address, amount: amount)
            sent.append(try transaction(from: consumers[senderIndex], .transfer(transfer)))
        }
        return sent
    }

    // MARK: - Helpers

    /// A signed transaction with the sender's next nonce (its committed nonce, plus its earlier ones in this block).
    private func transaction(from sender: Participant, _ payload: Payload) throws(SimulationError) -> SignedTransaction {
        let nonce = try nonces.take(for: sender.address) { () throws(SimulationError) in
            try read { () throws(StateReadError) in try store.account(sender.address).nonce }
        }
        return Transaction(chainId: Self.chainId, sender: sender.key.publicKey, nonce: nonce, fee: fee, payload: payload)
            .signed(by: sender.key)
    }

    /// The provider's committed balance less what the block being built already spends of it.
    private func available(_ participant: Participant) throws(SimulationError) -> Amount {
        let balance = try read { () throws(StateReadError) in try store.account(participant.address).balance }
        let used = spent[participant.address] ?? 0
        return balance > used ? balance - used : 0
    }

    private func stake(of provider: Participant) throws(SimulationError) -> Stake? {
        try read { () throws(StateReadError) in try store.record(Stake.self, at: .stake(provider.address)) }
    }

    private func read<T>(_ body: () throws(StateReadError) -> T) throws(SimulationError) -> T {
        do { return try body() } catch { throw .block(height: head.height + 1, reason: "cannot read the simulated state: \(error)") }
    }

    /// The key of participant `role`/`index`: its seed is BLAKE2b-256 of the role, the index and the run's seed, so
    /// every run with one seed has the same accounts and another seed has others.
    private static func key(_ role: String, _ index: Int, seed: UInt64) throws(SimulationError) -> Ed25519.PrivateKey {
        let material = Blake2b.hash256(parts: [Array("proofmint/simulation/key/\(role)".utf8), bytes(UInt64(index)), bytes(seed)])
        do { return try Ed25519.PrivateKey(seed: material) } catch { throw .keyDerivation("\(role) \(index): \(error)") }
    }

    private static func participant(_ role: String, _ index: Int, seed: UInt64) throws(SimulationError) -> Participant {
        let key = try key(role, index, seed: seed)
        return Participant(key: key, address: Address(publicKey: key.publicKey))
    }

    private static func bytes(_ value: UInt64) -> Bytes { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }
}
