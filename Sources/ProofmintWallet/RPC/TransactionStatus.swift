import ProofmintCore

/// `pm_getTransaction`: where a transaction is (mempool or block) and, once included, its receipt.
public struct TransactionStatus: Equatable, Sendable {
    public let id: Hash32
    /// `pending` or `included`.
    public let status: String
    public let height: UInt64?
    public let index: UInt64?
    public let blockHash: String?
    public let receipt: ReceiptSummary?
    public let json: JSONValue

    public init(json: JSONValue) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: "result")
        id = try reader.hash("id")
        status = try reader.string("status")
        height = try reader.optionalUInt64("height")
        index = try reader.optionalUInt64("index")
        blockHash = try reader.optionalString("block_hash")
        receipt = try reader.optionalValue("receipt").map { (value) throws(JSONShapeError) in
            try ReceiptSummary(json: value, path: "result.receipt")
        }
        self.json = json
    }

    public var isIncluded: Bool { status == "included" }
}
