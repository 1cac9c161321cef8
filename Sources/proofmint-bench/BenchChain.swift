import Foundation
import ProofmintCore
import ProofmintStorage

/// The head of a benchmark chain and how to extend it: signed transactions of each kind, blocks proposed and applied
/// through the state transition and committed to LMDB.
struct BenchChain {
    let store: ChainStore
    let validator: Ed25519.PrivateKey
    let chainId: String
    let minFee: Amount
    var nonces = [Address: UInt64]()
    var job: UInt64 = 0

    init(store: ChainStore, validator: Ed25519.PrivateKey, chainId: String, minFee: Amount) {
        self.store = store
        self.validator = validator
        self.chainId = chainId
        self.minFee = minFee
    }

    mutating func stake(_ key: Ed25519.PrivateKey) -> SignedTransaction {
        transaction(key, .stake(StakeRequest(amount: 100 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil)))
    }

    mutating func unstake(_ key: Ed25519.PrivateKey) -> SignedTransaction {
        transaction(key, .unstake(UnstakeRequest(amount: 50 * Tokens.one)))
    }

    mutating func transfer(_ key: Ed25519.PrivateKey, to recipient: Address) -> SignedTransaction {
        transaction(key, .transfer(Transfer(recipient: recipient, amount: 1_000_000)))
    }

    /// A text proposal with the minimum deposit: the thing the vote benchmark votes on (proposal id 1 on a new chain).
    mutating func textProposal(_ key: Ed25519.PrivateKey, deposit: Amount) -> SignedTransaction {
        transaction(key, .propose(ProposalRequest(
            deposit: deposit, content: .text(title: "bench", documentHash: Hash32.digest(Array("bench/proposal".utf8))))))
    }

    mutating func vote(_ key: Ed25519.PrivateKey, proposal: UInt64) -> SignedTransaction {
        transaction(key, .vote(VoteRequest(proposal: proposal, option: .yes)))
    }

    mutating func proof(from provider: Ed25519.PrivateKey, consumer: Ed25519.PrivateKey) -> SignedTransaction {
        job += 1
        let id = Blake2b.hash256(Array("bench/job/\(job)".utf8))
        let receipt = ComputeReceipt(
            chainId: chainId, jobId: Hash32.digest(id), consumer: consumer.publicKey, provider: Address(publicKey: provider.publicKey),
            epoch: 0, workload: "bench-model", modelHash: Hash32.digest(Array("bench/model".utf8)), inputHash: Hash32.digest(id + [1]),
            outputHash: Hash32.digest(id + [2]), units: 1000, quality: 90, price: Tokens.one)
        return transaction(provider, .submitProof(receipt.signed(by: consumer)))
    }

    mutating func transaction(_ key: Ed25519.PrivateKey, _ payload: Payload) -> SignedTransaction {
        let address = Address(publicKey: key.publicKey)
        let nonce = nonces[address, default: 0]
        nonces[address] = nonce + 1
        return Transaction(chainId: chainId, sender: key.publicKey, nonce: nonce, fee: minFee, payload: payload).signed(by: key)
    }

    func sign(_ transactions: [SignedTransaction]) throws -> Block {
        let parent = store.head
        let beacon = try BlockHeader.beaconProof(chainId: parent.chainId, height: parent.height + 1, producer: validator)
        let proposal = try store.withSnapshot {
            try StateTransition.propose(
                candidates: transactions, parent: parent, timestamp: parent.timestamp + 1000, producer: validator.publicKey,
                beacon: beacon, state: $0)
        }
        guard proposal.dropped.isEmpty else {
            throw BenchmarkOptions.Invalid(description: "a benchmark block dropped \(proposal.dropped.count) transactions: \(proposal.dropped[0].error)")
        }
        return Block.sign(header: proposal.header, transactions: proposal.transactions, producer: validator)
    }

    func apply(_ transactions: [SignedTransaction]) throws { _ = try applyTimed(try sign(transactions)) }

    func applyTimed(_ block: Block) throws -> (apply: Duration, commit: Duration) {
        let start = ContinuousClock.now
        let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: store.head, state: $0) }
        let committing = ContinuousClock.now
        try store.commit(block, outcome: outcome)
        return (committing - start, ContinuousClock.now - committing)
    }
}

extension BenchChain {
    /// What a benchmark that signs its own transactions starts from.
    struct Setup {
        var chain: BenchChain
        let keys: [Ed25519.PrivateKey]
        let consumer: Ed25519.PrivateKey
        let genesis: Genesis
    }

    /// A fresh chain in `directory`: `count` keys with 1,000 AI each (seeds `bench/<keyLabel>/<i>`), a consumer with
    /// 100,000,000 AI, plain 1 AI accounts up to `accounts` in all, one validator, blocks of up to `blockTransactions`,
    /// and one epoch for the whole run.
    static func create(
        in directory: String, chainId: String, keyLabel: String, count: Int, accounts: Int = 0, blockTransactions: Int,
        store options: ChainStore.Options
    ) throws -> Setup {
        let keys = try (0..<count).map { try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/\(keyLabel)/\($0)".utf8))) }
        let consumer = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/consumer".utf8)))
        let validator = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("bench/validator".utf8)))
        var allocations = keys.map { Genesis.Allocation(name: nil, address: Address(publicKey: $0.publicKey), amount: 1_000 * Tokens.one) }
        allocations.append(.init(name: nil, address: Address(publicKey: consumer.publicKey), amount: 100_000_000 * Tokens.one))
        for index in allocations.count..<max(accounts, allocations.count) {
            allocations.append(.init(name: nil, address: ApplyBenchmark.plainAddress(index), amount: Tokens.one))
        }
        var parameters = Parameters.defaults
        parameters.maxBlockTransactions = UInt32(blockTransactions)
        parameters.maxBlockBytes = 64 << 20
        parameters.epochLength = 1_000_000  // one epoch for the whole run
        let genesis = Genesis(
            chainId: chainId, genesisTime: 1_767_225_600_000, parameters: parameters,
            validators: ValidatorSet(validators: [.init(name: "bench", publicKey: validator.publicKey)]), allocations: allocations)
        let store = try ChainStore.create(
            at: directory, genesis: genesis, genesisFile: [], options: options)
        let chain = BenchChain(store: store, validator: validator, chainId: chainId, minFee: parameters.minFee)
        return Setup(chain: chain, keys: keys, consumer: consumer, genesis: genesis)
    }
}
