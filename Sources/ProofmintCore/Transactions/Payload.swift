/// What a transaction does. The tag byte is part of the signed bytes, so one kind can never verify as another.
public enum Payload: Equatable, Sendable {
    case transfer(Transfer)
    case stake(StakeRequest)
    case unstake(UnstakeRequest)
    /// Pays out every matured unbonding entry of the sender.
    case withdraw
    /// Double-sign evidence ("Double" as in signing twice, not floating point).
    case evidence(DoubleSignEvidence)
    /// A provider submits a consumer-signed compute receipt: the consumer pays, the work is weighed for rewards.
    case submitProof(SignedComputeReceipt)
    /// Locks a deposit and opens a governance vote.
    case propose(ProposalRequest)
    case vote(VoteRequest)
    /// Lifts the sender's jail after the jail period, burning the unjail fee (protocol version 2).
    case unjail
    /// Joins or leaves the compute validator set (protocol version 3).
    case validator(ValidatorRequest)
    /// The assigned validator's verdict on a sampled receipt (protocol version 3).
    case validate(VerdictRequest)
    /// Challenges a receipt with a bond (protocol version 3).
    case challenge(ChallengeRequest)
    /// A compute validator's vote on an open challenge (protocol version 3).
    case resolve(ResolveRequest)
    /// Reports a provider whose tier 2–4 attestation was signed by an attestor since revoked (protocol version 3).
    case reportAttestation(AttestationReport)

    /// Stable tags: never renumber.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case transfer = 1
        case stake = 2
        case unstake = 3
        case withdraw = 4
        case evidence = 5
        case submitProof = 6
        case propose = 7
        case vote = 8
        case unjail = 9
        case validator = 10
        case validate = 11
        case challenge = 12
        case resolve = 13
        /// 14: tags 10–13 belong to Proof of Compute's version 3 transactions.
        case reportAttestation = 14

        public var name: String {
            switch self {
            case .transfer: return "transfer"
            case .stake: return "stake"
            case .unstake: return "unstake"
            case .withdraw: return "withdraw"
            case .evidence: return "evidence"
            case .submitProof: return "submit_proof"
            case .propose: return "propose"
            case .vote: return "vote"
            case .unjail: return "unjail"
            case .validator: return "validator"
            case .validate: return "validate"
            case .challenge: return "challenge"
            case .resolve: return "resolve"
            case .reportAttestation: return "report_attestation"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .transfer: return .transfer
        case .stake: return .stake
        case .unstake: return .unstake
        case .withdraw: return .withdraw
        case .evidence: return .evidence
        case .submitProof: return .submitProof
        case .propose: return .propose
        case .vote: return .vote
        case .unjail: return .unjail
        case .validator: return .validator
        case .validate: return .validate
        case .challenge: return .challenge
        case .resolve: return .resolve
        case .reportAttestation: return .reportAttestation
        }
    }
}

extension Payload: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(kind.rawValue)
        switch self {
        case let .transfer(transfer): writer.encode(transfer)
        case let .stake(request): writer.encode(request)
        case let .unstake(request): writer.encode(request)
        case .withdraw: break
        case let .evidence(evidence): writer.encode(evidence)
        case let .submitProof(receipt): writer.encode(receipt)
        case let .propose(request): writer.encode(request)
        case let .vote(request): writer.encode(request)
        case .unjail: break
        case let .validator(request): writer.encode(request)
        case let .validate(request): writer.encode(request)
        case let .challenge(request): writer.encode(request)
        case let .resolve(request): writer.encode(request)
        case let .reportAttestation(report): writer.encode(report)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Payload {
        let at = reader.offset
        let tag = try reader.u8()
        switch Kind(rawValue: tag) {
        case .transfer?: return .transfer(try reader.decode(Transfer.self))
        case .stake?: return .stake(try reader.decode(StakeRequest.self))
        case .unstake?: return .unstake(try reader.decode(UnstakeRequest.self))
        case .withdraw?: return .withdraw
        case .evidence?: return .evidence(try reader.decode(DoubleSignEvidence.self))  // double *signing*: no floating point
        case .submitProof?: return .submitProof(try reader.decode(SignedComputeReceipt.self))
        case .propose?: return .propose(try reader.decode(ProposalRequest.self))
        case .vote?: return .vote(try reader.decode(VoteRequest.self))
        case .unjail?: return .unjail
        case .validator?: return .validator(try reader.decode(ValidatorRequest.self))
        case .validate?: return .validate(try reader.decode(VerdictRequest.self))
        case .challenge?: return .challenge(try reader.decode(ChallengeRequest.self))
        case .resolve?: return .resolve(try reader.decode(ResolveRequest.self))
        case .reportAttestation?: return .reportAttestation(try reader.decode(AttestationReport.self))
        case nil: throw .unknownTag(type: "transaction kind", tag: tag, offset: at)
        }
    }
}
