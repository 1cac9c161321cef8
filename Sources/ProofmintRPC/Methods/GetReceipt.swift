import ProofmintCore

/// `pm_getReceipt` params: the job id of an accepted compute receipt.
public struct JobParams: RPCObject {
    public var jobId: Hash32
    public init(jobId: Hash32) { self.jobId = jobId }
}

/// `pm_getReceipt` result: the receipt's record after block `height`.
public struct ReceiptRecordResult: RPCObject {
    public var height: UInt64
    public var record: ReceiptRecordView

    public init(height: UInt64, record: ReceiptRecordView) {
        self.height = height
        self.record = record
    }
}
