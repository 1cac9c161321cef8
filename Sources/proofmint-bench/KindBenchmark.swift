import Foundation
import ProofmintBenchSupport
import ProofmintCore
import ProofmintStorage

/// One block of a single transaction kind (or the simulator's market mix) applied to an LMDB store holding `accounts`
/// funded accounts, after the setup blocks that kind needs (stakes before unstakes and votes, a proposal before
/// votes). Counts signatures, not transactions, against the verify rate: a `submit-proof` carries two (the provider's
/// and the consumer's receipt signature).
struct KindBenchmark {
    /// What the measured block holds.
    enum Kind: String, CaseIterable {
        case transfer, stake, unstake, vote
        case submitProof = "submit-proof"
        /// The simulator's market (`SimulationConfig` defaults: 4 submit-proofs and 2 transfers a block), in proportion.
        case mixed

        /// Whether the measured keys stake in a setup block first.
        var stakesFirst: Bool { self == .unstake || self == .vote || self == .submitProof || self == .mixed }
    }

    struct Result {
        let kind: Kind
        let transactions: Int
        let signatures: Int
        let applyMilliseconds: Double
        let commitMilliseconds: Double
        let setupSeconds: Double
        var seconds: Double { (applyMilliseconds + commitMilliseconds) / 1000 }
    }

    let kind: Kind
    let transactions: Int
    let accounts: Int
    let storeOptions: ChainStore.Options

    private static let chainId = "proofmint-bench-kinds"

    func run() throws -> Result {
        let directory = NSTemporaryDirectory() + "proofmint-bench-kinds-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let setupStart = ContinuousClock.now
        let setup = try BenchChain.create(
            in: directory, chainId: Self.chainId, keyLabel: "kind", count: transactions, accounts: accounts,
            blockTransactions: transactions, store: storeOptions)
        var chain = setup.chain
        let keys = setup.keys, consumer = setup.consumer, genesis = setup.genesis
        if kind.stakesFirst { try chain.apply(keys.map { chain.stake($0) }) }
        if kind == .vote { try chain.apply([chain.textProposal(consumer, deposit: genesis.parameters.governance.minDeposit)]) }
        let setupSeconds = (ContinuousClock.now - setupStart).seconds

        var random: UInt64 = 0x9e37_79b9_7f4a_7c15
        let measured = try chain.sign(keys.enumerated().map { index, key in
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return transaction(for: index, key: key, chain: &chain, consumer: consumer, recipient: ApplyBenchmark.plainAddress(Int(random >> 33) % accounts))
        })
        let signatures = measured.transactions.reduce(0) { count, transaction in
            if case .submitProof = transaction.transaction.payload { return count + 2 }
            return count + 1
        }
        let (apply, commit) = try chain.applyTimed(measured)
        return Result(
            kind: kind, transactions: measured.transactions.count, signatures: signatures, applyMilliseconds: apply.milliseconds,
            commitMilliseconds: commit.milliseconds, setupSeconds: setupSeconds)
    }

    /// The measured block's `index`-th transaction: of the kind, or in the mix two submit-proofs to each transfer.
    private func transaction(
        for index: Int, key: Ed25519.PrivateKey, chain: inout BenchChain, consumer: Ed25519.PrivateKey, recipient: Address
    ) -> SignedTransaction {
        switch kind {
        case .transfer: return chain.transfer(key, to: recipient)
        case .stake: return chain.stake(key)
        case .unstake: return chain.unstake(key)
        case .vote: return chain.vote(key, proposal: 1)
        case .submitProof: return chain.proof(from: key, consumer: consumer)
        case .mixed: return index % 3 == 2 ? chain.transfer(key, to: recipient) : chain.proof(from: key, consumer: consumer)
        }
    }
}
