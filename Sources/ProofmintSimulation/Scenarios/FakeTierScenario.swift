import ProofmintCore

/// A provider claiming a privacy tier its hardware does not have (issue 12): under protocol version 2 a zero-amount
/// restake at tier 4 with any 32 bytes doubled the weight of its work; version 3 refuses the claim without a
/// registered attestor's signature, and a provider whose attestor governance revokes counts 1.0x at once and can be
/// reported and slashed `staking.slash_attestation_bps`.
enum FakeTierScenario {
    static let stake: Amount = 1_000 * Tokens.one

    static func run(_ scale: Int) throws(ScenarioError) -> ScenarioReport {
        let parameters = ScenarioChain.compressedTime
        let fee = parameters.minFee
        let amount = Amount(scale) * stake
        let attacker = try ScenarioChain.participant("attacker", 0)
        let honest = try ScenarioChain.participant("provider", 0)
        let attested = try ScenarioChain.participant("attested", 0)
        let consumer = try ScenarioChain.participant("consumer", 0)
        let vendor = try ScenarioChain.participant("attestor", 0)
        let stakers = try (0..<3).map { (index) throws(ScenarioError) in try ScenarioChain.participant("staker", index) }
        var allocations = [(attacker, amount + 100 * fee), (honest, amount + 100 * fee), (attested, amount + 100 * fee)]
        allocations += [(consumer, 1_000 * Tokens.one)]
        allocations += stakers.map { ($0, 1_000_000 * Tokens.one) }
        let chain = try ScenarioChain(
            parameters: parameters, allocations: allocations, modules: [],
            attestors: [GenesisAttestor(name: "tee-vendor", publicKey: vendor.key.publicKey, maxTier: .teeIO)])
        func statement(_ provider: ScenarioChain.Participant, signer: ScenarioChain.Participant) -> SignedAttestation {
            Attestation(
                attestor: signer.key.publicKey, chainId: ScenarioChain.chainId, provider: provider.address, tier: .teeIO,
                measurement: Hash32.digest(Array("proofmint/scenario/measurement".utf8)), expiresAt: .max
            ).signed(by: signer.key)
        }
        try chain.submit(
            [attacker, honest].map { ($0, Payload.stake(StakeRequest(amount: amount, lockEpochs: 0, tier: .open, attestation: nil))) }
                + [(attested, Payload.stake(StakeRequest(amount: amount, lockEpochs: 0, tier: .teeIO, claim: .signed(statement(attested, signer: vendor)))))]
                + stakers.map { ($0, Payload.stake(StakeRequest(amount: 200_000 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))) })

        // The v2 attack: 0 AI more, tier 4, any 32 bytes; then the same with an attestation the attacker signed itself.
        let bareHash = try chain.submit(
            attacker, .stake(StakeRequest(amount: 0, lockEpochs: 0, tier: .teeIO, claim: .hash(Hash32.digest(Array("self-made".utf8))))))
        let selfSigned = try chain.submit(
            attacker, .stake(StakeRequest(amount: 0, lockEpochs: 0, tier: .teeIO, claim: .signed(statement(attacker, signer: attacker)))))
        let attackerTier = try chain.record(Stake.self, at: .stake(attacker.address))?.tier ?? .open

        // Equal work for the three providers: the weight's tier multiplier is what the chain counts now.
        var job: UInt64 = 0
        func work() throws(ScenarioError) -> [UInt16] {
            let epoch = try chain.record(EpochState.self, at: .epoch)?.number ?? 0
            var payloads = [(ScenarioChain.Participant, Payload)]()
            for provider in [attacker, honest, attested] {
                job += 1
                let receipt = ComputeReceipt(
                    chainId: ScenarioChain.chainId, jobId: Hash32.digest(Array("proofmint/scenario/job/\(job)".utf8)),
                    consumer: consumer.key.publicKey, provider: provider.address, epoch: epoch, workload: "llama-3-8b",
                    modelHash: Hash32.digest(Array("llama-3-8b".utf8)), inputHash: Hash32.digest(Array("input/\(job)".utf8)),
                    outputHash: Hash32.digest(Array("output/\(job)".utf8)), units: 1_000, quality: 100, price: Tokens.one)
                payloads.append((provider, .submitProof(receipt.signed(by: consumer.key))))
            }
            return try chain.submit(payloads).map { receipt in
                receipt.events.lazy.compactMap { event -> UInt16? in
                    if case let .proofAccepted(_, _, _, _, _, _, tierBps, _, _, _, _) = event { return tierBps }
                    return nil
                }.first ?? 0
            }
        }
        let before = try work()

        // Governance revokes the vendor; the attested provider's 2.0x stops at once and anyone may report it.
        let revoke = ProposalContent.attestor(publicKey: vendor.key.publicKey, name: "tee-vendor", maxTier: .teeIO, action: .revoke)
        let proposed = try chain.submit(stakers[0], .propose(ProposalRequest(deposit: parameters.governance.minDeposit, content: revoke)))
        guard proposed.code == 0 else { throw .chain("the revocation was refused: code \(proposed.code)") }
        let id = (try chain.record(GovernanceState.self, at: .governance)?.nextProposalId ?? 2) - 1
        try chain.submit(stakers.map { ($0, Payload.vote(VoteRequest(proposal: id, option: .yes))) })
        guard let opened = try chain.record(GovernanceProposal.self, at: .proposal(id)) else { throw .chain("proposal \(id) is missing") }
        try chain.advance(to: (opened.executeHeight ?? opened.votingEndHeight + parameters.governance.timelockBlocks) + 1)
        let after = try work()
        let stakeBefore = try chain.record(Stake.self, at: .stake(attested.address))?.amount ?? 0
        let report = try chain.submit(stakers[1], .reportAttestation(AttestationReport(provider: attested.address)))
        let reported = try chain.record(Stake.self, at: .stake(attested.address))
        let slashed = stakeBefore - (reported?.amount ?? 0)

        let tiers = parameters.staking.tierMultipliersBps
        let v2Share = WideArithmetic.multiplyDivide(10_000, UInt128(tiers[4]), UInt128(tiers[4]) + UInt128(tiers[0]))
        func x(_ bps: UInt16) -> String { "\(bps / 10_000).\(bps % 10_000 / 1000)x" }
        return ScenarioReport(
            name: "fake-tier",
            summary: "a provider with \(Tokens.format(amount)) AI staked at tier 0 restakes 0 AI at tier 4 (2.0x) with a self-made attestation; "
                + "an attestor is then revoked by governance and its provider reported",
            succeeded: attackerTier != .open || before[0] > tiers[0],
            cost: AttackScenarios.fees(2, parameters), gain: 0,
            figures: [
                ("v2 rule (computed)", "a bare hash at 0 AI was accepted; equal work weighs \(x(tiers[4])) vs \(x(tiers[0])): \(v2Share / 100).\(v2Share % 100)% of an epoch's emission instead of 50%"),
                ("v3: bare hash, 0 AI", TransactionErrorCode.name(forCode: bareHash.code)),
                ("v3: self-signed", TransactionErrorCode.name(forCode: selfSigned.code)),
                ("attacker's tier", "\(attackerTier.rawValue) (\(attackerTier.name))"),
                ("tier bps of equal work", "attacker \(before[0]), honest \(before[1]), attested by the vendor \(before[2])"),
                ("revocation", try chain.proposalStatus(id)),
                ("attested provider after it", "tier bps \(after[2]) (was \(before[2]))"),
                ("report", report.code == 0 ? "accepted" : "refused: \(TransactionErrorCode.name(forCode: report.code))"),
                ("slashed", "\(Tokens.format(slashed)) AI of \(Tokens.format(stakeBefore)) AI (staking.slash_attestation_bps \(parameters.staking.slashAttestationBps)); tier now \(reported?.tier.name ?? "none")"),
            ])
    }
}
