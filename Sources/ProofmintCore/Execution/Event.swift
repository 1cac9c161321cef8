/// What a transaction did, recorded in its receipt for wallets, indexers and the audit report.
public enum Event: Equatable, Sendable {
    case transfer(from: Address, to: Address, amount: Amount)
    /// A fee and where it went.
    case feePaid(payer: Address, total: Amount, burned: Amount, rewardPool: Amount, treasury: Amount, liquidity: Amount)

    static let transferTag: UInt8 = 1
    static let feePaidTag: UInt8 = 2
}

extension Event: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case let .transfer(from, to, amount):
            writer.u8(Self.transferTag)
            writer.fixed(from.bytes)
            writer.fixed(to.bytes)
            writer.u128(amount)
        case let .feePaid(payer, total, burned, pool, treasury, liquidity):
            writer.u8(Self.feePaidTag)
            writer.fixed(payer.bytes)
            for amount in [total, burned, pool, treasury, liquidity] { writer.u128(amount) }
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> Event {
        let at = reader.offset
        switch try reader.u8() {
        case transferTag:
            return .transfer(from: try reader.address(), to: try reader.address(), amount: try reader.u128())
        case feePaidTag:
            return .feePaid(
                payer: try reader.address(), total: try reader.u128(), burned: try reader.u128(),
                rewardPool: try reader.u128(), treasury: try reader.u128(), liquidity: try reader.u128())
        case let tag:
            throw .unknownTag(type: "event", tag: tag, offset: at)
        }
    }
}
