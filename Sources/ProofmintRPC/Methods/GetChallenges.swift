import ProofmintCore

/// `pm_getChallenges` params: open challenges only (the default), or every challenge whose receipt is still kept.
public struct ChallengesParams: RPCObject {
    public var openOnly: Bool?
    public init(openOnly: Bool? = nil) { self.openOnly = openOnly }
}

/// `pm_getChallenges` result: challenged receipts, soonest challenge deadline first.
public struct ChallengesResult: RPCObject {
    public var height: UInt64
    public var challenges: [ReceiptRecordView]

    public init(height: UInt64, challenges: [ReceiptRecordView]) {
        self.height = height
        self.challenges = challenges
    }
}
