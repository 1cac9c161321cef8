import ProofmintCore

/// The parts of a receipt the wallet reports: did it succeed, and what did it cost.
public struct ReceiptSummary: Equatable, Sendable {
    /// 0 for success, otherwise the transaction error code.
    public let code: Int
    /// `ok` or the error name.
    public let status: String
    public let feeCharged: Amount?
    public let json: JSONValue

    public init(json: JSONValue, path: String) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: path)
        code = try reader.int("code")
        status = try reader.optionalString("status") ?? TransactionError.name(forCode: UInt16(clamping: code))
        feeCharged = try reader.optionalString("fee_charged").flatMap(Tokens.parseBaseUnits)
        self.json = json
    }

    public var succeeded: Bool { code == 0 }
}
