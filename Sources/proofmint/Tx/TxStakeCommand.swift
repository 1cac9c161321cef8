import ArgumentParser
import ProofmintWallet

/// `tx stake`: become (or stay) a compute provider.
struct TxStakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stake",
        abstract: "Stake tokens as a compute provider, or change the tier or lock of a stake, and wait for the block.",
        discussion: """
            Staking power = amount × lock multiplier × privacy-tier multiplier × (1 + reputation/1000), floored at each \
            step (`proofmint query stake` shows it). The stake must total at least the minimum stake (devnet: 100 AI). \
            --amount 0 adds nothing and only changes the tier, lock and attestation of an existing stake. A lock that \
            has not ended can only be extended, never shortened.
            Tiers 2–4 need an attestation signed by an attestor of the chain's registry (`proofmint query attestors`), \
            for this provider and tier, as a JSON file made by `proofmint attest`; tier 1 takes a bare hash; tier 0 nothing. \
            The tier's multiplier counts only while its attestor stays unrevoked and the attestation has not expired.
            Refused before signing: a tier outside 0–4, a tier ≥ 1 without --attestation, --attestation with tier 0, \
            an attestation file that is altered, for another tier or for another provider, a balance below amount + fee. Every other rule is the chain's: a stake it refuses is included with a failed \
            receipt (exit code 2) naming the rule (stake_below_minimum, lock_shortened, jailed, …), and the fee is charged.
            Example: proofmint tx stake --from dev3 --amount 1000AI --tier 1 --attestation 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            Example: proofmint tx stake --from dev3 --amount 1000AI --tier 3 --attestation dev3-gpu.attestation.json
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("amount"), parsing: .unconditional, help: ArgumentHelp(
        "Tokens to add to the stake: with their unit (1000AI) or base units with theirs (1000base). 0 changes only tier, lock and attestation.",
        valueName: "AMOUNT"))
    var amount: String

    @Option(name: .customLong("lock-epochs"), help: ArgumentHelp(
        "Lock the whole stake for N epochs from this block; 0 means no lock. Longer locks raise staking power "
            + "(devnet: 1.1x from 4 epochs, 1.25x from 12, 1.5x from 52; an epoch is 60 blocks); a locked stake cannot be unstaked.",
        valueName: "N"))
    var lockEpochs: UInt32 = 0

    @Option(name: .customLong("tier"), help: ArgumentHelp(
        "Privacy tier: 0 open (1.0x), 1 at-rest (1.2x), 2 CPU TEE (1.5x), 3 GPU TEE (1.8x), 4 TEE-I/O (2.0x).",
        valueName: "0-4"))
    var tier: Int = 0

    @Option(name: .customLong("attestation"), help: ArgumentHelp(
        "Tier 1: the attestation hash, 32 bytes as 64 hex digits. Tiers 2-4: the attestation FILE signed by a registered attestor (proofmint attest). Refused for tier 0.",
        valueName: "HEX64|FILE"))
    var attestation: String?

    @OptionGroup var options: SendOptions

    func run() async throws {
        let signed = try tier >= 2 ? attestation.map { try AttestationFile.read($0).signed } : nil
        let request = try StakingInput.stakeRequest(
            amount: amount, lockEpochs: lockEpochs, tier: tier, attestation: tier >= 2 ? nil : attestation, signed: signed)
        try await OnlineTransaction.send(from: sender, with: options) { context in
            if let signed, signed.attestation.provider != context.sender.address {
                throw InputError.attestationForAnotherProvider(provider: signed.attestation.provider, sender: context.sender.address)
            }
            try context.requireBalance(covering: request.amount)
            return .stake(request)
        }
    }
}
