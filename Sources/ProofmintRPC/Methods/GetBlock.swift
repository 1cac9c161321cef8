import ProofmintCore

/// `pm_getBlock` params: a height (or `"latest"`) or a hash; `hash` wins when both are given.
public struct BlockParams: RPCObject {
    public var height: BlockHeight?
    public var hash: Hash32?
    public var full: Bool?

    public init(height: BlockHeight? = nil, hash: Hash32? = nil, full: Bool? = nil) {
        self.height = height
        self.hash = hash
        self.full = full
    }
}

/// A height, or the head.
public enum BlockHeight: Codable, Sendable, Equatable {
    case number(UInt64)
    case latest

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case let .number(height): try single.encode(height)
        case .latest: try single.encode("latest")
        }
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let text = try? single.decode(String.self) {
            guard text == "latest" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must be a height or \"latest\""))
            }
            self = .latest
        } else {
            self = .number(try single.decode(UInt64.self))
        }
    }
}

/// `pm_getBlock` result. `transactions` holds ids, or whole transaction objects with `"full": true`.
public struct BlockView: RPCObject {
    public var hash: Hash32
    public var header: HeaderView
    public var headerHex: Hex
    public var signature: Hex
    public var transactions: BlockTransactions

    public init(_ block: Block, full: Bool) {
        hash = block.hash
        header = HeaderView(block.header)
        headerHex = Hex(block.header.canonicalBytes)
        signature = Hex(block.signature)
        transactions = full ? .full(block.transactions.map(TransactionView.init)) : .ids(block.transactions.map(\.id))
    }
}

/// A block's transactions: their ids, or the transactions themselves.
public enum BlockTransactions: Codable, Sendable, Equatable {
    case ids([Hash32])
    case full([TransactionView])

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case let .ids(ids): try single.encode(ids)
        case let .full(transactions): try single.encode(transactions)
        }
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let ids = try? single.decode([Hash32].self) {
            self = .ids(ids)
        } else {
            self = .full(try single.decode([TransactionView].self))
        }
    }

    public var count: Int {
        switch self {
        case let .ids(ids): return ids.count
        case let .full(transactions): return transactions.count
        }
    }
}
