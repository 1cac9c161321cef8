import ProofmintCore

/// `pm_getPendingValidations` params: only the receipts assigned to `validator`, when given.
public struct PendingValidationsParams: RPCObject {
    public var validator: Address?
    public init(validator: Address? = nil) { self.validator = validator }
}

/// `pm_getPendingValidations` result: the receipts waiting for a verdict, soonest deadline first.
public struct PendingValidationsResult: RPCObject {
    public var height: UInt64
    public var validations: [ReceiptRecordView]

    public init(height: UInt64, validations: [ReceiptRecordView]) {
        self.height = height
        self.validations = validations
    }
}
