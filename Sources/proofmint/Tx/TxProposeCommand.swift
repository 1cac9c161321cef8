import ArgumentParser
import ProofmintWallet

/// `proofmint tx propose …`: open a governance vote, one sub-command per proposal kind.
struct TxProposeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Open a governance proposal: a parameter change, a treasury spend, an upgrade, a slash or a text.",
        discussion: """
            A proposal locks a deposit (default: the chain's governance.min_deposit, 100 AI on the devnet), returned if \
            it passes and burned if it does not. The proposer needs a voting power of governance.min_proposer_power \
            (by default that of 100 AI staked, or of 400 AI held). Voting lasts governance.voting_days of the kind (3 days for \
            parameter changes and texts, 7 for treasury spends and slashes, 14 for upgrades), counted in blocks of \
            governance.block_time_ms. Only accounts with at least governance.voter_min_stake (100 AI) staked may vote, \
            with power √balance + 2·√stake at the tally; a quorum of staked power must take part and yes must \
            exceed governance.pass_threshold_bps (50%) of yes + no. A passed proposal executes governance.timelock_blocks after its tally.
            `proofmint query proposal ID` follows it; `--preview` shows what it would change.
            Example: proofmint tx propose param --from dev1 --set compute.protocol_fee_bps=36
            """,
        subcommands: [
            TxProposeParamCommand.self, TxProposeTreasuryCommand.self, TxProposeUpgradeCommand.self, TxProposeSlashCommand.self,
            TxProposeTextCommand.self, TxProposeAttestorCommand.self,
        ]
    )
}

/// `--deposit`, shared by every `tx propose` sub-command.
struct ProposalOptions: ParsableArguments {
    @Option(name: .customLong("deposit"), parsing: .unconditional, help: ArgumentHelp(
        "Deposit to lock: tokens with their unit (100AI) or base units with theirs (1000base); at least the chain's minimum, which is the default "
            + "(governance.min_deposit, 100 AI on the devnet). Returned if the proposal passes, burned otherwise.",
        valueName: "AMOUNT"))
    var deposit: String?
}

/// The flow of every `tx propose` sub-command: the deposit and the proposer's power are checked against the chain's
/// governance parameters, then the command's content is sent in a `propose` transaction.
enum ProposalSubmission {
    static func send(
        from sender: SenderOptions, proposal: ProposalOptions, with options: SendOptions,
        content: @escaping (SendContext, ChainParameters) async throws -> ProposalContent
    ) async throws {
        let requested = try proposal.deposit.map { try WalletInput.amount($0, field: "deposit") }
        try await OnlineTransaction.send(from: sender, with: options) { context in
            let parameters = try await context.client.parameters()
            let deposit = requested ?? parameters.minDeposit
            guard deposit >= parameters.minDeposit else {
                throw CommandFailure(
                    "a deposit of \(Tokens.format(deposit)) AI is below the chain's minimum of \(Tokens.format(parameters.minDeposit)) AI "
                        + "(governance.min_deposit); nothing was sent")
            }
            let built = try await content(context, parameters)
            try context.requireBalance(covering: deposit, what: "deposit + fee")
            // The chain measures the proposer's power after charging the fee and before taking the deposit.
            let stake = try await context.client.stake(context.sender.address)
            let staked = stake.stake.map { VotingPower.countedStake(amount: $0.amount, jailed: $0.jailed) } ?? 0
            let power = VotingPower.of(balance: context.account.balance - min(context.account.balance, context.fee), staked: staked)
            guard power >= parameters.minProposerPower else {
                throw CommandFailure(
                    "'\(context.sender.name)' has a voting power of \(power) (√balance + 2·√stake, in √base units), below the "
                        + "\(parameters.minProposerPower) a proposer needs (governance.min_proposer_power): stake or hold more; nothing was sent")
            }
            return .propose(ProposalRequest(deposit: deposit, content: built))
        }
    }
}

/// `tx propose param`: change consensus parameters within their bounds.
struct TxProposeParamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "param",
        abstract: "Propose new values for consensus parameters (fees, staking, compute, governance) and wait for the block.",
        discussion: """
            Names are those of `proofmintd parameters` and docs/PARAMETERS.md (as in the genesis file: \
            compute.protocol_fee_bps, staking.min_stake, fee_split_bps.burn, governance.quorum_bps.text, …). Values of \
            amount parameters take tokens with their unit (12AI) or base units; every other value is a whole number in \
            the parameter's unit (basis points, blocks, …). The wallet sorts the changes by name, as the chain requires.
            Refused before signing: an unknown name (with a suggestion), a name given twice, more than 16 changes, a \
            value outside the parameter's bounds, or one that moves it further than governance.max_change_bps (20%, at \
            least 1) from the value in force. The chain checks all of this again, and the consistency of the whole \
            set (the four fee shares must add up to 10000), when the proposal is made and again when it executes.
            Example: proofmint tx propose param --from dev1 --set compute.protocol_fee_bps=36
            Example: proofmint tx propose param --from dev1 --file changes.json --deposit 150AI
              with changes.json: {"compute.protocol_fee_bps": 36, "min_fee": "0.0012AI"}
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "A parameter and its new value, NAME=VALUE (repeat for several): compute.protocol_fee_bps=36, staking.min_stake=110AI.",
        valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @Option(name: .customLong("file"), help: ArgumentHelp(
        "A JSON object of parameter names and new values (numbers, or strings such as \"12AI\"), instead of --set.",
        valueName: "FILE"))
    var file: String?

    @OptionGroup var proposal: ProposalOptions
    @OptionGroup var options: SendOptions

    func validate() throws {
        if assignments.isEmpty == (file == nil) {
            throw ValidationError("give the changes either with --set NAME=VALUE (repeatable) or with --file FILE")
        }
    }

    func run() async throws {
        let changes = try file.map { try GovernanceInput.changesFile(at: $0) } ?? GovernanceInput.assignments(assignments)
        try await ProposalSubmission.send(from: sender, proposal: proposal, with: options) { _, parameters in
            try GovernanceInput.checkSteps(changes, maxChangeBps: parameters.maxChangeBps, current: parameters.stepBase)
            return .parameterChange(changes)
        }
    }
}

/// `tx propose treasury`: pay from the treasury or another module account (`--source`).
struct TxProposeTreasuryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treasury",
        abstract: "Propose a payment from the treasury (or another module account) to an account and wait for the block.",
        discussion: """
            If the proposal passes, the amount moves from the treasury module account to the recipient when the \
            timelock ends; if the treasury holds less by then, the proposal ends as execution_failed and nothing moves. \
            --source names the module account that pays: treasury (the default), ecosystem, liquidity, training or \
            public_sale. Within one window of governance.change_window_blocks, governance may pay from one source at most \
            governance.max_spend_bps (10%) of its balance at the window's start; a spend past that fails \
            (spend_limit_exceeded).
            Voting lasts governance.voting_days.treasury_spend (7 days) with a quorum of 60% of staked power.
            Example: proofmint tx propose treasury --from dev1 --to dev2 --amount 5000AI
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("Recipient: a pm1… address or the name of a key in the keystore.", valueName: "ADDR|NAME"))
    var to: String

    @Option(name: .customLong("amount"), parsing: .unconditional, help: ArgumentHelp("Amount to pay: tokens with their unit (5000AI) or base units with theirs (1000base).", valueName: "AMOUNT"))
    var amount: String

    @Option(name: .customLong("source"), help: ArgumentHelp("Module account that pays: treasury, ecosystem, liquidity, training or public_sale.", valueName: "NAME"))
    var source: String = ModuleAccount.treasury.rawValue

    @OptionGroup var proposal: ProposalOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        guard SpendWindow.source(named: source) != nil else {
            throw ValidationError("unknown --source '\(source)': one of treasury, ecosystem, liquidity, training, public_sale")
        }
        let recipient = try WalletInput.account(to, keystore: options.keystore(WalletEnvironment()))
        let amount = try WalletInput.amount(amount)
        let source = source
        try await ProposalSubmission.send(from: sender, proposal: proposal, with: options) { _, _ in
            .treasurySpend(recipient: recipient, amount: amount, source: source)
        }
    }
}

/// `tx propose upgrade`: schedule a protocol upgrade.
struct TxProposeUpgradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Propose a protocol upgrade by name at a height and wait for the block.",
        discussion: """
            If it passes, every node that does not implement the named upgrade stops at that height instead of \
            forking silently (this build implements none). The height must come after the voting period \
            (governance.voting_days.upgrade, 14 days) and the timelock: the wallet refuses a height the chain would \
            certainly refuse, counting from the next block; a proposal included later needs a later height.
            Example: proofmint tx propose upgrade --from dev1 --name v2-fees --height 2000000
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("name"), help: ArgumentHelp("Upgrade name: 1–64 characters of a-z, 0-9, '-', '_', '.'.", valueName: "NAME"))
    var name: String

    @Option(name: .customLong("height"), help: ArgumentHelp("Height from which nodes must implement the upgrade.", valueName: "H"))
    var height: UInt64

    @OptionGroup var proposal: ProposalOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        let upgrade = try GovernanceInput.upgradeName(name)
        try await ProposalSubmission.send(from: sender, proposal: proposal, with: options) { context, parameters in
            // Included at the next block at the earliest: votes end voting_blocks − 1 later, then the timelock runs.
            let votingBlocks = parameters.votingBlocks(.upgrade)
            let (sum, overflow) = context.status.height.addingReportingOverflow(votingBlocks)
            let (earliest, overflow2) = sum.addingReportingOverflow(parameters.timelockBlocks + 1)
            if !overflow, !overflow2, height < earliest {
                throw CommandFailure(
                    "upgrade height \(height) is too soon: at the head (\(context.status.height)) the earliest the chain accepts is "
                        + "\(earliest), after a \(votingBlocks)-block vote and a \(parameters.timelockBlocks)-block timelock; nothing was sent")
            }
            return .upgrade(name: upgrade, height: height)
        }
    }
}

/// `tx propose slash`: slash a provider by vote.
struct TxProposeSlashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slash",
        abstract: "Propose slashing a compute provider's stake and wait for the block.",
        discussion: """
            If it passes, the rate is cut from the provider's stake and unbonding entries and burned when the timelock \
            ends; malicious also jails the provider. Double signing is not voted on: `tx evidence` proves it. The \
            staking parameters' rates (slash_sla_min_bps–slash_sla_max_bps, slash_attestation_bps, \
            slash_malicious_bps) are the guide for --bps; voters judge it.
            Example: proofmint tx propose slash --from dev1 --provider dev3 --reason sla_violation --bps 500
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("provider"), help: ArgumentHelp("The provider: a pm1… address or the name of a key in the keystore.", valueName: "ADDR|NAME"))
    var provider: String

    @Option(name: .customLong("reason"), help: ArgumentHelp("sla_violation, attestation_failure or malicious (which also jails).", valueName: "REASON"))
    var reason: String

    @Option(name: .customLong("bps"), help: ArgumentHelp("Rate to slash, 1–10000 basis points (500 = 5%).", valueName: "N"))
    var bps: Int

    @OptionGroup var proposal: ProposalOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        let provider = try WalletInput.account(provider, keystore: options.keystore(WalletEnvironment()))
        let reason = try GovernanceInput.slashReason(reason)
        let bps = try GovernanceInput.slashBps(bps)
        try await ProposalSubmission.send(from: sender, proposal: proposal, with: options) { _, _ in
            .slash(provider: provider, reason: reason, bps: bps)
        }
    }
}

/// `tx propose attestor`: add or revoke a key of the attestor registry.
struct TxProposeAttestorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attestor",
        abstract: "Propose adding (or updating) or revoking an attestor of privacy tiers 2–4, and wait for the block.",
        discussion: """
            Attestors stand in for the TEE vendors' roots: a stake at tiers 2–4 needs an attestation signed by one             (`proofmint attest`). add registers the key with its name and max tier (2–4), or updates them if the key is             already trusted; revoke withdraws the trust for good: the tier 2–4 multipliers of the stakes resting on its             attestations stop counting, and anyone can then report those providers (`tx report-attestation`) for the             staking.slash_attestation_bps slash. A revoked key can never be added again. Decided like a slash (quorum and             voting period of governance.quorum_bps.slash and governance.voting_days.slash: 60%, 7 days), then the timelock.
            Example: proofmint tx propose attestor --from dev1 --action revoke --public-key 3b6a27bc…  --name devnet-attestor-0
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("action"), help: ArgumentHelp("add (or update) or revoke.", valueName: "add|revoke"))
    var action: String

    @Option(name: .customLong("public-key"), help: ArgumentHelp("The attestor's Ed25519 public key: 64 hex digits.", valueName: "HEX64"))
    var publicKey: String

    @Option(name: .customLong("name"), help: ArgumentHelp("The attestor's name, 1–64 bytes (kept by revoke as given).", valueName: "NAME"))
    var name: String

    @Option(name: .customLong("max-tier"), help: ArgumentHelp("The highest tier it may attest: 2, 3 or 4.", valueName: "2-4"))
    var maxTier: Int = 4

    @OptionGroup var proposal: ProposalOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        let content = try GovernanceInput.attestor(publicKey: publicKey, name: name, maxTier: maxTier, action: action)
        try await ProposalSubmission.send(from: sender, proposal: proposal, with: options) { _, _ in content }
    }
}

/// `tx propose text`: a signalling vote on a document.
struct TxProposeTextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Propose a text (signalling) vote on a document, named by its title and hash, and wait for the block.",
        discussion: """
            A text proposal changes nothing on chain: it records the outcome of the vote on the document whose hash it \
            carries (compute it with sha256sum or b2sum). Like every proposal, it burns its deposit if it fails.
            Example: proofmint tx propose text --from dev1 --title "Roadmap 2026" --document-hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("title"), help: ArgumentHelp("The proposal's title, 1–256 bytes of UTF-8.", valueName: "TEXT"))
    var title: String

    @Option(name: .customLong("document-hash"), help: ArgumentHelp("The document's 32-byte hash as 64 hex digits.", valueName: "HEX64"))
    var documentHash: String

    @OptionGroup var proposal: ProposalOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        let title = try GovernanceInput.title(title)
        let hash = try GovernanceInput.documentHash(documentHash)
        try await ProposalSubmission.send(from: sender, proposal: proposal, with: options) { _, _ in
            .text(title: title, documentHash: hash)
        }
    }
}
