import ProofmintCore

/// The node's governance answers (docs/RPC.md) decoded for the members the wallet prints or relies on. Each keeps
/// the answer as sent (`json`) for `--json`; a member of the wrong shape is a `JSONShapeError` naming its path.

/// `pm_getParameters`, with governance's rules decoded.
public struct ChainParameters: Sendable {
    public let json: JSONValue
    public let minDeposit: Amount
    public let minProposerPower: UInt128
    public let voterMinStake: Amount
    public let timelockBlocks: UInt64
    public let maxChangeBps: UInt64
    public let blockTimeMs: UInt64
    /// Voting period in blocks, by proposal kind name (`parameter_change`, …).
    public let votingBlocks: [String: UInt64]

    public init(json: JSONValue) throws(JSONShapeError) {
        self.json = json
        let root = try JSONObjectReader(json, path: "result")
        let governance = try root.object("governance")
        minDeposit = try governance.amount("min_deposit")
        minProposerPower = try GovernanceViews.uint128(governance, "min_proposer_power")
        voterMinStake = try governance.amount("voter_min_stake")
        timelockBlocks = try governance.uint64("timelock_blocks")
        maxChangeBps = try governance.uint64("max_change_bps")
        blockTimeMs = try governance.uint64("block_time_ms")
        let rules = try governance.object("rules")
        var blocks = [String: UInt64]()
        for kind in ProposalKind.allCases {
            blocks[kind.name] = try rules.object(kind.name).uint64("voting_blocks")
        }
        votingBlocks = blocks
    }

    /// The value in force of a registry parameter (`compute.protocol_fee_bps`, `staking.tier_multipliers_bps.2`,
    /// `governance.quorum_bps.text`), or nil if the answer does not hold it where expected.
    public func current(_ name: String) -> UInt128? {
        var parts = name.split(separator: ".").map(String.init)
        // Genesis and the registry write governance.quorum_bps.KIND; pm_getParameters nests them as rules.KIND.quorum_bps.
        if parts.count == 3, parts[0] == "governance", parts[1] == "quorum_bps" || parts[1] == "voting_days" {
            parts = ["governance", "rules", parts[2], parts[1]]
        }
        var value: JSONValue? = json
        for part in parts {
            guard let here = value else { return nil }
            if let items = here.arrayValue {
                guard let index = Int(part), index >= 0, index < items.count else { return nil }
                value = items[index]
            } else {
                value = here[part]
            }
        }
        switch value {
        case let .number(text)?: return text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? UInt128(text) : nil
        case let .string(text)?: return Tokens.parseBaseUnits(text)
        default: return nil
        }
    }
}

/// A tally: quadratic power per option, participating staked power against the total.
public struct TallyView: Equatable, Sendable {
    public let yes: UInt128
    public let no: UInt128
    public let abstain: UInt128
    public let participation: UInt128
    public let totalStakePower: UInt128
    public let quorumReached: Bool
    public let passes: Bool
    /// True once the voting period ended (the recorded tally); false for the tally as it would be now.
    public let final: Bool

    init(_ reader: JSONObjectReader) throws(JSONShapeError) {
        yes = try GovernanceViews.uint128(reader, "yes")
        no = try GovernanceViews.uint128(reader, "no")
        abstain = try GovernanceViews.uint128(reader, "abstain")
        participation = try GovernanceViews.uint128(reader, "participation")
        totalStakePower = try GovernanceViews.uint128(reader, "total_stake_power")
        quorumReached = try reader.bool("quorum_reached")
        passes = try reader.bool("passes")
        final = try reader.bool("final")
    }
}

/// One proposal as `pm_getProposal` (with `votes`) or `pm_getProposals` (without) returns it.
public struct ProposalView: Sendable {
    public let json: JSONValue
    public let id: UInt64
    public let kind: String
    public let proposer: Address
    /// The content's fields (amounts in base units), as the node lists them.
    public let fields: [(name: String, value: String)]
    public let deposit: Amount
    public let status: String
    public let submitHeight: UInt64
    public let votingEndHeight: UInt64
    public let executeHeight: UInt64?
    public let voters: UInt64
    public let quorumBps: UInt64
    public let passThresholdBps: UInt64
    /// The error name that stopped execution (status `execution_failed`).
    public let failure: String?
    /// Blocks after the head in which votes are still accepted (status `voting` only).
    public let blocksLeft: UInt64?
    public let tally: TallyView?
    /// `(voter, option)` in the order of first votes; nil in list answers.
    public let votes: [(voter: String, option: String)]?

    public init(json: JSONValue, path: String) throws(JSONShapeError) {
        self.json = json
        let root = try JSONObjectReader(json, path: path)
        id = try root.uint64("id")
        kind = try root.string("kind")
        proposer = try root.address("proposer")
        let content = try root.object("content")
        guard case let .object(members) = try content.value("fields") else {
            throw JSONShapeError(path: "\(path).content.fields", problem: "must be a JSON object")
        }
        var fields = [(name: String, value: String)]()
        for (name, value) in members {
            guard let text = value.stringValue else { throw JSONShapeError(path: "\(path).content.fields.\(name)", problem: "must be a string") }
            fields.append((name, text))
        }
        self.fields = fields
        deposit = try root.amount("deposit")
        status = try root.string("status")
        submitHeight = try root.uint64("submit_height")
        votingEndHeight = try root.uint64("voting_end_height")
        executeHeight = try root.optionalUInt64("execute_height")
        voters = try root.uint64("voters")
        quorumBps = try root.uint64("quorum_bps")
        passThresholdBps = try root.uint64("pass_threshold_bps")
        failure = try root.optionalString("failure")
        blocksLeft = status == "voting" ? try root.uint64("blocks_left") : nil
        tally = try root.optionalObject("tally").map { (reader) throws(JSONShapeError) in try TallyView(reader) }
        if root.optionalValue("votes") != nil {
            var votes = [(voter: String, option: String)]()
            for (index, item) in try root.array("votes").enumerated() {
                let vote = try JSONObjectReader(item, path: "\(path).votes[\(index)]")
                votes.append((try vote.address("voter").text, try vote.string("option")))
            }
            self.votes = votes
        } else {
            votes = nil
        }
    }
}

/// `pm_getProposals`.
public struct ProposalList: Sendable {
    public let json: JSONValue
    public let height: UInt64
    public let proposals: [ProposalView]

    public init(json: JSONValue) throws(JSONShapeError) {
        self.json = json
        let root = try JSONObjectReader(json, path: "result")
        height = try root.uint64("height")
        var proposals = [ProposalView]()
        for (index, item) in try root.array("proposals").enumerated() {
            proposals.append(try ProposalView(json: item, path: "result.proposals[\(index)]"))
        }
        self.proposals = proposals
    }
}

/// `pm_previewProposal`: the dry run. Only the section of the proposal's kind is present.
public struct ProposalPreview: Sendable {
    public struct Change: Sendable {
        public let name: String
        public let unit: String
        public let before: UInt128
        public let after: UInt128
    }

    public struct BeforeAfter: Sendable {
        public let label: String
        public let before: UInt128
        public let after: UInt128
    }

    public struct Fees: Sendable {
        public let minFee: Amount
        public let protocolFeeOn100AI: Amount
    }

    public struct Projection: Sendable {
        public let fromEpoch: UInt64
        public let emissionBefore: [Amount]
        public let emissionAfter: [Amount]
        public let feesBefore: Fees
        public let feesAfter: Fees
    }

    public let json: JSONValue
    public let id: UInt64
    public let kind: String
    public let height: UInt64
    public let atHeight: UInt64
    public let wouldExecute: Bool
    /// `name (code N): message` when it would not execute.
    public let error: String?
    public let changes: [Change]
    public let projection: Projection?
    /// Account balances before and after (treasury spends).
    public let balances: [BeforeAfter]
    /// Stake and burned totals before and after (slashes).
    public let stake: BeforeAfter?
    public let burned: BeforeAfter?
    public let upgrade: (name: String, height: UInt64, known: Bool)?
    public let effect: String?

    public init(json: JSONValue) throws(JSONShapeError) {
        self.json = json
        let root = try JSONObjectReader(json, path: "result")
        id = try root.uint64("id")
        kind = try root.string("kind")
        height = try root.uint64("height")
        atHeight = try root.uint64("at_height")
        wouldExecute = try root.bool("would_execute")
        if let failure = try root.optionalObject("error") {
            error = "\(try failure.string("name")) (code \(try failure.int("code"))): \(try failure.string("message"))"
        } else {
            error = nil
        }
        var changes = [Change]()
        if root.optionalValue("changes") != nil {
            for (index, item) in try root.array("changes").enumerated() {
                let change = try JSONObjectReader(item, path: "result.changes[\(index)]")
                changes.append(Change(
                    name: try change.string("name"), unit: try change.string("unit"),
                    before: try GovernanceViews.uint128(change, "before"), after: try GovernanceViews.uint128(change, "after")))
            }
        }
        self.changes = changes
        if let projection = try root.optionalObject("projection") {
            func amounts(_ key: String) throws(JSONShapeError) -> [Amount] {
                var list = [Amount]()
                for (index, item) in try projection.array(key).enumerated() {
                    guard let text = item.stringValue, let amount = Tokens.parseBaseUnits(text) else {
                        throw JSONShapeError(path: "result.projection.\(key)[\(index)]", problem: "must be a decimal string of base units")
                    }
                    list.append(amount)
                }
                return list
            }
            func fees(_ key: String) throws(JSONShapeError) -> Fees {
                let fees = try projection.object(key)
                return Fees(minFee: try fees.amount("min_fee"), protocolFeeOn100AI: try fees.amount("protocol_fee_on_100_ai"))
            }
            self.projection = Projection(
                fromEpoch: try projection.uint64("from_epoch"), emissionBefore: try amounts("emission_before"),
                emissionAfter: try amounts("emission_after"), feesBefore: try fees("fees_before"), feesAfter: try fees("fees_after"))
        } else {
            projection = nil
        }
        var balances = [BeforeAfter]()
        if root.optionalValue("balances") != nil {
            for (index, item) in try root.array("balances").enumerated() {
                let balance = try JSONObjectReader(item, path: "result.balances[\(index)]")
                balances.append(BeforeAfter(
                    label: try balance.address("address").text, before: try balance.amount("before"), after: try balance.amount("after")))
            }
        }
        self.balances = balances
        if let stake = try root.optionalObject("stake") {
            self.stake = BeforeAfter(label: try stake.address("provider").text, before: try stake.amount("before"), after: try stake.amount("after"))
        } else {
            stake = nil
        }
        if let burned = try root.optionalObject("burned") {
            self.burned = BeforeAfter(label: "burned", before: try burned.amount("before"), after: try burned.amount("after"))
        } else {
            burned = nil
        }
        if let upgrade = try root.optionalObject("upgrade") {
            self.upgrade = (try upgrade.string("name"), try upgrade.uint64("height"), try upgrade.bool("known_to_this_node"))
        } else {
            upgrade = nil
        }
        effect = try root.optionalString("effect")
    }
}

enum GovernanceViews {
    /// A 128-bit whole number sent as a decimal string (amounts, voting power).
    static func uint128(_ reader: JSONObjectReader, _ key: String) throws(JSONShapeError) -> UInt128 {
        guard let value = Tokens.parseBaseUnits(try reader.string(key)) else {
            throw JSONShapeError(path: reader.path.isEmpty ? key : "\(reader.path).\(key)", problem: "must be a decimal string")
        }
        return value
    }
}

/// `pm_getParameters`, `pm_getProposals`, `pm_getProposal` and `pm_previewProposal`, decoded (and so checked) before
/// anything is printed.
extension NodeClient {
    public func parameters() async throws(RPCError) -> ChainParameters {
        let result = try await call("pm_getParameters")
        return try governanceDecode("pm_getParameters") { () throws(JSONShapeError) in try ChainParameters(json: result) }
    }

    public func proposals(status: String? = nil) async throws(RPCError) -> ProposalList {
        let params: JSONValue = .object(status.map { [("status", .string($0))] } ?? [])
        let result = try await call("pm_getProposals", params: params)
        return try governanceDecode("pm_getProposals") { () throws(JSONShapeError) in try ProposalList(json: result) }
    }

    public func proposal(_ id: UInt64) async throws(RPCError) -> ProposalView {
        let result = try await call("pm_getProposal", params: .object([("id", .uint(id))]))
        let view = try governanceDecode("pm_getProposal") { () throws(JSONShapeError) in try ProposalView(json: result, path: "result") }
        guard view.id == id else {
            throw .malformedResponse(url: url.absoluteString, method: "pm_getProposal", reason: "it answered for proposal \(view.id), not \(id)")
        }
        return view
    }

    /// `pm_getProposal`, or nil when the node has no proposal with this id.
    public func proposalIfAny(_ id: UInt64) async throws(RPCError) -> ProposalView? {
        do {
            return try await proposal(id)
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    public func previewProposal(_ id: UInt64) async throws(RPCError) -> ProposalPreview {
        let result = try await call("pm_previewProposal", params: .object([("id", .uint(id))]))
        let preview = try governanceDecode("pm_previewProposal") { () throws(JSONShapeError) in try ProposalPreview(json: result) }
        guard preview.id == id else {
            throw .malformedResponse(url: url.absoluteString, method: "pm_previewProposal", reason: "it answered for proposal \(preview.id), not \(id)")
        }
        return preview
    }

    private func governanceDecode<T>(_ method: String, _ body: () throws(JSONShapeError) -> T) throws(RPCError) -> T {
        do {
            return try body()
        } catch {
            throw .malformedResponse(url: url.absoluteString, method: method, reason: error.description)
        }
    }
}
