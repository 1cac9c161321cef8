import ProofmintCore

/// Runs the node's state transition over a synthetic economy: a genesis built in code with seed 001's allocations,
/// providers who stake at assorted privacy tiers and locks, consumers who buy compute (signing receipts that the
/// providers submit) and send transfers, one validator that proposes, signs and re-checks every block, and a compute
/// validator set that gives a verdict on every sampled receipt it is assigned (`pass` for good providers,
/// `malicious` for the configured share of bad ones, whose stake is then slashed).
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
    /// The compute validators and the providers whose work is fake (indices into `providers`).
    private let checkers: [Participant]
    private let badProviders: Set<Int>
    /// Receipts submitted and not yet past sampling or their verdict.
    private var pendingJobs: [Hash32] = []
    /// Providers a `malicious` verdict in the block being built will jail: they submit nothing in it.
    private var retiring: Set<Address> = []
    /// What this epoch's blocks did so far: verdicts and their rewards, slashes (from transaction events).
    private var epochVerdicts: (count: UInt64, malicious: UInt64, rewards: Amount, slashed: Amount) = (0, 0, 0, 0)
    /// Σ `settlement.paid` of the epochs whose settlement finished, and the first epoch not yet finished: the
    /// per-epoch payout is the change of Σ paid over all epochs.
    private var paidFinished: Amount = 0
    private var firstUnfinished: UInt64 = 0
    private var paidBefore: Amount = 0
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
        checkers = try (0..<config.validators).map { (index) throws(SimulationError) in
            try Self.participant("checker", index, seed: config.seed)
        }
        badProviders = Set(0..<(config.providers * Int(config.badProviderBps) / 10_000))
        fee = config.transactionFee ?? parameters.minFee
        blockMillis = max(1, 365 * 86_400_000 / blocksPerYear)

        let genesis = try Self.genesis(
            config: config, parameters: parameters, validator: validator, attestor: attestor, providers: providers, consumers: consumers,
            checkers: checkers,
            team: try Self.participant("team", 0, seed: config.seed).address)
        do {
            let (block, outcome) = genesis.genesisBlock()
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
        providers: [Participant], consumers: [Participant], checkers: [Participant], team: Address
    ) throws(SimulationError) -> Genesis {
        let funding = config.fundingNeeded ?? .max
        var allocations = providers.enumerated().map { index, provider in
            Genesis.Allocation(name: "provider-\(index)", address: provider.address, amount: config.providerBalance)
        }
        allocations += consumers.enumerated().map { index, consumer in
            Genesis.Allocation(name: "consumer-\(index)", address: consumer.address, amount: config.consumerBalance)
        }
        allocations += checkers.enumerated().map { index, checker in
            Genesis.Allocation(name: "checker-\(index)", address: checker.address, amount: config.validatorBalance)
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
        candidates += try verdicts()
        if height == 1 {
            candidates += try initialStakes()
            candidates += try checkers.map { (checker) throws(SimulationError) in
                try transaction(from: checker, .stake(StakeRequest(amount: config.validatorStake, lockEpochs: 0, tier: .open, attestation: nil)))
            }
        } else if height == 2 {
            candidates += try checkers.map { (checker) throws(SimulationError) in try transaction(from: checker, .validator(ValidatorRequest(join: true))) }
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
            let beacon = try BlockHeader.beaconProof(chainId: head.chainId, height: height, producer: validator)
            proposal = try StateTransition.propose(
                candidates: candidates, parent: head, timestamp: overflow || late ? .max : timestamp,
                producer: validator.publicKey, beacon: beacon, state: store)
        } catch {
            throw .block(height: height, reason: "\(error)")
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
        for receipt in outcome.receipts where receipt.code == 0 {
            for event in receipt.events {
                switch event {
                case let .verdictGiven(_, _, verdict, _, reward):
                    epochVerdicts.count += 1
                    epochVerdicts.rewards += reward
                    if verdict == Verdict.malicious.rawValue { epochVerdicts.malicious += 1 }
                case let .slashed(_, _, _, fromStake, fromUnbonding): epochVerdicts.slashed += fromStake + fromUnbonding
                default: break
                }
            }
        }
    }

    /// A verdict for every pending receipt whose assigned validator is ours: `malicious` if its provider is bad,
    /// `pass` at the consumer's score otherwise. Receipts past sampling without an assignment leave the list.
    private func verdicts() throws(SimulationError) -> [SignedTransaction] {
        var given = [SignedTransaction]()
        var still = [Hash32]()
        retiring.removeAll(keepingCapacity: true)
        for job in pendingJobs {
            guard let record = try read({ () throws(StateReadError) in try store.record(ReceiptRecord.self, at: .receipt(job)) }) else { continue }
            switch record.validation {
            case .pendingSample: still.append(job)
            case .assigned:
                guard let checker = checkers.first(where: { $0.address == record.validator }) else { continue }
                let bad = providers.firstIndex { $0.address == record.provider }.map { badProviders.contains($0) } ?? false
                let request = VerdictRequest(jobId: job, verdict: bad ? .malicious : .pass, quality: bad ? 0 : record.score, slashBps: 0)
                if bad { retiring.insert(record.provider) }
                given.append(try transaction(from: checker, .validate(request)))
            default: continue
            }
        }
        pendingJobs = still
        return given
    }

    /// The row for `epoch`, which ended with the block just committed. Flows (minted, burned, paid, verdicts,
    /// slashes) are what happened during the epoch's blocks: settlement is lagged and batched, so an epoch's own
    /// settlement runs in later epochs' blocks and is counted there.
    private func recordRow(epoch: UInt64) throws(SimulationError) -> SimulationRow {
        let paid = try paidSoFar(through: epoch)
        defer {
            paidBefore = paid
            epochVerdicts = (0, 0, 0, 0)
        }
        return try read { () throws(StateReadError) in
            let totals = try store.totals()
            let record = try store.record(EpochRecord.self, at: .epochRecord(epoch)) ?? .empty
            let previousBurned = rows.last?.cumulativeBurned ?? genesisTotals.burned
            let previousMinted = rows.last?.cumulativeMinted ?? genesisTotals.minted
            var row = SimulationRow(
                epoch: epoch, endHeight: head.height, year: epoch / config.epochsPerYear + 1,
                supply: totals.supply, issued: totals.issued, minted: totals.minted - min(previousMinted, totals.minted), cumulativeMinted: totals.minted,
                burned: totals.burned - min(previousBurned, totals.burned), cumulativeBurned: totals.burned, feesPaid: totals.feesPaid,
                treasury: try store.account(ModuleAccount.treasury.address).balance,
                rewardPool: try store.account(ModuleAccount.rewardPool.address).balance,
                liquidity: try store.account(ModuleAccount.liquidity.address).balance,
                staked: totals.staked, unbonding: totals.unbonding, proofs: record.proofs, units: record.totalUnits,
                payments: record.payments, paidToProviders: paid - min(paidBefore, paid))
            row.validationRewards = epochVerdicts.rewards
            row.verdicts = epochVerdicts.count
            row.maliciousVerdicts = epochVerdicts.malicious
            row.slashed = epochVerdicts.slashed
            return row
        }
    }

    /// Σ `settlement.paid` over epochs 0...`epoch`: finished settlements are summed once, the others read each time.
    private func paidSoFar(through epoch: UInt64) throws(SimulationError) -> Amount {
        var open: Amount = 0
        var scanning = true
        var index = firstUnfinished
        while index <= epoch {
            let settlement = try read { () throws(StateReadError) in try store.record(EpochRecord.self, at: .epochRecord(index)) }?.settlement
            if scanning, settlement?.finishedAt != nil {
                paidFinished += settlement?.paid ?? 0
                firstUnfinished = index + 1
            } else {
                scanning = false
                open += settlement?.paid ?? 0
            }
            index += 1
        }
        return paidFinished + open
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
        let minStake = parameters.staking.minStake
        var active = [Bool]()
        for provider in providers {
            let stake = try stake(of: provider)
            active.append(!retiring.contains(provider.address) && (stake.map { !$0.jailed && $0.amount >= minStake } ?? false))
        }
        for _ in 0..<config.jobsPerBlock {
            let consumer = consumers[random.index(consumers.count)]
            let drawn = random.index(providers.count)
            // A slashed (jailed) provider submits no more: the job goes to the next active one, if any.
            guard let step = (0..<providers.count).first(where: { active[(drawn + $0) % providers.count] }) else { continue }
            let providerIndex = (drawn + step) % providers.count
            let base = Int(providerIndex < providerQuality.count ? providerQuality[providerIndex] : 80)
            let quality = UInt8(min(Int(ComputeReceipt.maxQualityScore), max(0, base + Int(random.below(21)) - 10)))
            jobCounter += 1
            let receipt = ComputeReceipt(
                chainId: Self.chainId,
                jobId: Hash32.digest(parts: [Array("proofmint/simulation/job".utf8), Self.bytes(config.seed), Self.bytes(jobCounter)]),
                consumer: consumer.key.publicKey, provider: providers[providerIndex].address, epoch: epoch,
                workload: Self.workloads[random.index(Self.workloads.count)], modelHash: Hash32.digest(Array("model".utf8)),
                inputHash: Hash32.digest(Array("input/\(jobCounter)".utf8)), outputHash: Hash32.digest(Array("output/\(jobCounter)".utf8)),
                units: random.uint64(config.minUnits, config.maxUnits),
                quality: quality, price: random.amount(config.minPrice, config.maxPrice))
            submissions.append(try transaction(from: providers[providerIndex], .submitProof(receipt.signed(by: consumer.key))))
            pendingJobs.append(receipt.jobId)
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
