import ProofmintCore

/// The parts of a receipt the wallet reports: did it succeed, why not, what it did and what it cost.
public struct ReceiptSummary: Equatable, Sendable {
    /// 0 for success, otherwise the transaction error code.
    public let code: Int
    /// `ok` or the error name.
    public let status: String
    /// The node's explanation of a failure code, or the core table's when the node sends none (nil for success).
    public let message: String?
    public let feeCharged: Amount?
    public let json: JSONValue

    public init(json: JSONValue, path: String) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: path)
        code = try reader.int("code")
        status = try reader.optionalString("status") ?? TransactionErrorCode.name(forCode: UInt16(clamping: code))
        message = try reader.optionalString("message") ?? TransactionErrorCode.message(forCode: UInt16(clamping: code))
        feeCharged = try reader.optionalString("fee_charged").flatMap(Tokens.parseBaseUnits)
        self.json = json
    }

    public var succeeded: Bool { code == 0 }

    /// `nothing_matured (code 110): no unbonding entry has matured yet …`
    public var failureText: String {
        "\(status) (code \(code))" + (message.map { ": \($0)" } ?? "")
    }

    /// One line per event worth telling a person (fees are shown on their own), in receipt order.
    public var eventLines: [String] {
        (json["events"]?.arrayValue ?? []).compactMap(Self.line)
    }

    static func line(_ event: JSONValue) -> String? {
        func tokens(_ key: String) -> String {
            guard let text = event[key]?.stringValue, let amount = Tokens.parseBaseUnits(text) else { return "?" }
            return "\(Tokens.format(amount)) \(Tokens.symbol)"
        }
        func text(_ key: String) -> String { event[key].map { $0.stringValue ?? $0.compactText } ?? "?" }
        switch event["type"]?.stringValue {
        case "transfer"?:
            return "transferred \(tokens("amount")) from \(text("from")) to \(text("to"))"
        case "staked"?:
            return "staked +\(tokens("added")), now \(tokens("total")) at tier \(text("tier")), locked until height \(text("locked_until"))"
        case "unstaked"?:
            return "unstaked: \(tokens("amount")) unbonding until height \(text("mature_at")), \(tokens("burned")) burned"
        case "withdrawn"?:
            return "withdrew \(tokens("amount")) of matured unbonding entries"
        case "slashed"?:
            return "slashed \(text("provider")) for \(text("reason")) (\(text("bps")) bps): \(tokens("from_stake")) from stake, "
                + "\(tokens("from_unbonding")) from unbonding, all burned"
        case "jailed"?:
            return "jailed \(text("provider"))"
        case "proposed"?:
            return "opened proposal \(text("id")) (\(text("kind"))) with a deposit of \(tokens("deposit")); votes are accepted up to "
                + "height \(text("voting_end_height"))"
        case "voted"?:
            return "voted \(text("option")) on proposal \(text("id"))"
        default:
            return nil
        }
    }
}
