/// What a transaction can know about the block it is in. Time is the producer's timestamp, never a local clock.
public struct BlockContext: Sendable {
    public let chainId: String
    public let height: UInt64
    public let timestamp: UInt64
    public let parameters: Parameters
}
