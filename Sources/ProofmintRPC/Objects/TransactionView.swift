import ProofmintCore

/// A signed transaction: the fields every kind has, then its kind's own fields (the others are left out).
public struct TransactionView: RPCNamedObject {
    public static let rpcName = "Transaction"

    public var id: Hash32
    public var chainId: String
    /// `transfer`, `stake`, `unstake`, `withdraw`, `evidence`, `submit_proof`, `propose`, `vote`, `unjail`, `validator`,
    /// `validate`, `challenge`, `resolve` or `report_attestation`.
    public var kind: String
    public var sender: Address
    public var senderPublicKey: Hex
    public var nonce: UInt64
    public var fee: Amount
    public var expiry: UInt64?
    public var signature: Hex
    // transfer
    @Omittable public var recipient: Address?
    /// transfer, stake (added; 0 changes only tier or lock), unstake.
    @Omittable public var amount: Amount?
    @Omittable public var memo: Hex?
    // stake
    @Omittable public var lockEpochs: UInt64?
    @Omittable public var tier: UInt64?
    /// For a stake at tier 1: the attestation hash (left out otherwise).
    @Omittable public var attestation: Hash32?
    /// For a stake at tiers 2–4: the attestor-signed attestation (protocol version 3).
    @Omittable public var signedAttestation: AttestationView?
    // report_attestation
    @Omittable public var provider: Address?
    // evidence
    @Omittable public var evidence: [SignedHeaderView]?
    // submit_proof
    @Omittable public var computeReceipt: ComputeReceiptView?
    // propose
    @Omittable public var deposit: Amount?
    @Omittable public var proposal: ProposalContentView?
    // vote
    @Omittable public var proposalId: UInt64?
    @Omittable public var option: String?
    // validator
    @Omittable public var join: Bool?
    // validate, challenge, resolve
    @Omittable public var jobId: Hash32?
    // validate
    @Omittable public var verdict: String?
    @Omittable public var quality: UInt64?
    @Omittable public var slashBps: UInt64?
    // resolve
    @Omittable public var uphold: Bool?

    public init(_ signed: SignedTransaction) {
        let tx = signed.transaction
        id = signed.id
        chainId = tx.chainId
        kind = tx.payload.kind.name
        sender = tx.senderAddress
        senderPublicKey = Hex(tx.sender.bytes)
        nonce = tx.nonce
        fee = tx.fee
        expiry = tx.expiry
        signature = Hex(signed.signature)
        switch tx.payload {
        case let .transfer(transfer):
            recipient = transfer.recipient
            amount = transfer.amount
            memo = Hex(transfer.memo)
        case let .stake(request):
            amount = request.amount
            lockEpochs = UInt64(request.lockEpochs)
            tier = UInt64(request.tier.rawValue)
            switch request.claim {
            case .none: break
            case let .hash(hash): attestation = hash
            case let .signed(signed): signedAttestation = AttestationView(signed)
            }
        case let .unstake(request):
            amount = request.amount
        case .withdraw, .unjail:
            break
        case let .evidence(evidence):
            self.evidence = [evidence.first, evidence.second].map { SignedHeaderView(header: $0.header, signature: $0.signature) }
        case let .submitProof(signed):
            computeReceipt = ComputeReceiptView(signed)
        case let .propose(request):
            deposit = request.deposit
            proposal = ProposalContentView(request.content)
        case let .vote(request):
            proposalId = request.proposal
            option = request.option.name
        case let .validator(request):
            join = request.join
        case let .validate(request):
            (jobId, verdict, quality, slashBps) = (request.jobId, request.verdict.name, UInt64(request.quality), UInt64(request.slashBps))
        case let .challenge(request):
            jobId = request.jobId
        case let .resolve(request):
            (jobId, uphold) = (request.jobId, request.uphold)
        case let .reportAttestation(report):
            provider = report.provider
        }
    }
}

/// A consumer-signed compute receipt (PROTOCOL.md §11.2).
public struct ComputeReceiptView: RPCNamedObject {
    public static let rpcName = "ComputeReceipt"

    public var chainId: String
    public var jobId: Hash32
    public var consumer: Address
    public var consumerPublicKey: Hex
    public var provider: Address
    public var epoch: UInt64
    public var workload: String
    public var modelHash: Hash32
    public var inputHash: Hash32
    public var outputHash: Hash32
    public var units: UInt128
    /// The consumer's quality score, 0–100.
    public var quality: UInt64
    public var price: Amount
    public var signature: Hex

    public init(_ signed: SignedComputeReceipt) {
        let receipt = signed.receipt
        chainId = receipt.chainId
        jobId = receipt.jobId
        consumer = receipt.consumerAddress
        consumerPublicKey = Hex(receipt.consumer.bytes)
        provider = receipt.provider
        epoch = receipt.epoch
        workload = receipt.workload
        modelHash = receipt.modelHash
        inputHash = receipt.inputHash
        outputHash = receipt.outputHash
        units = UInt128(receipt.units)
        quality = UInt64(receipt.quality)
        price = receipt.price
        signature = Hex(signed.signature)
    }
}

/// A proposal's content: its kind and its fields, every value a string (numbers and amounts in decimal).
public struct ProposalContentView: RPCNamedObject {
    public static let rpcName = "ProposalContent"

    public var kind: String
    public var fields: OrderedMembers<String>

    public init(_ content: ProposalContent) {
        kind = content.kind.name
        fields = OrderedMembers(content.fields.map { ($0.name, $0.value) })
    }
}
