/// `propose`: lock `deposit` and open a vote on `content`.
public struct ProposalRequest: Equatable, Sendable {
    public var deposit: Amount
    public var content: ProposalContent
    public init(deposit: Amount, content: ProposalContent) {
        self.deposit = deposit
        self.content = content
    }
}

/// `vote`: yes, no or abstain on a proposal in its voting period; a later vote replaces an earlier one.
public struct VoteRequest: Equatable, Sendable {
    public var proposal: UInt64
    public var option: VoteOption
    public init(proposal: UInt64, option: VoteOption) {
        self.proposal = proposal
        self.option = option
    }
}

public enum VoteOption: UInt8, CaseIterable, Sendable {
    case yes = 1
    case no = 2
    case abstain = 3

    public var name: String {
        switch self {
        case .yes: return "yes"
        case .no: return "no"
        case .abstain: return "abstain"
        }
    }
}

extension ProposalRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u128(deposit)
        writer.encode(content)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ProposalRequest {
        ProposalRequest(deposit: try reader.u128(), content: try reader.decode(ProposalContent.self))
    }
}

extension VoteRequest: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u64(proposal)
        writer.u8(option.rawValue)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> VoteRequest {
        let proposal = try reader.u64()
        let at = reader.offset
        let byte = try reader.u8()
        guard let option = VoteOption(rawValue: byte) else { throw .unknownTag(type: "vote option", tag: byte, offset: at) }
        return VoteRequest(proposal: proposal, option: option)
    }
}
