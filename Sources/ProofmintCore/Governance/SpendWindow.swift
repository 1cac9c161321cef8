/// What governance paid from one module account in its current spend window: `0x22 ‖ source name` → this record
/// (protocol version 2). A `treasury_spend` may take from its source, within one window of
/// `governance.change_window_blocks` from the window's first spend, at most `governance.max_spend_bps` of the source's
/// balance at that start, in all; so no allocation can be emptied faster than that share per window.
public struct SpendWindow: Equatable, Sendable {
    /// The height of the first spend after the previous window ended.
    public var startHeight: UInt64
    /// The source's balance just before that spend.
    public var balanceAtStart: Amount
    /// Paid from the source since `startHeight`.
    public var spent: Amount

    public init(startHeight: UInt64, balanceAtStart: Amount, spent: Amount) {
        self.startHeight = startHeight
        self.balanceAtStart = balanceAtStart
        self.spent = spent
    }

    /// Whether the window still runs at `height` when windows last `length` blocks (saturating at the last height).
    public func isOpen(at height: UInt64, length: UInt64) -> Bool {
        let (end, overflow) = startHeight.addingReportingOverflow(length)
        return overflow || height < end
    }

    /// The most the window allows in all: `balanceAtStart × bps / 10,000`, rounded down.
    public func limit(maxSpendBps: UInt16) -> Amount {
        let (product, overflow) = balanceAtStart.multipliedReportingOverflow(by: Amount(maxSpendBps))
        return overflow ? balanceAtStart / 10_000 * Amount(maxSpendBps) : product / 10_000
    }

    /// The module account a spend may name as `source`, or nil if it may not name it.
    public static func source(named name: String) -> ModuleAccount? {
        ProposalContent.spendSources.first { $0.rawValue == name }
    }

    /// The window a spend of `amount` from `source` at `height` would leave, if the bound allows it: the stored one
    /// while it is open, else a new one starting at `height` at the source's balance now. Reads `state` only.
    public static func check(
        source name: String, amount: Amount, parameters: Parameters, height: UInt64, state: StateOverlay
    ) throws(TransactionError) -> (source: ModuleAccount, window: SpendWindow) {
        guard let source = source(named: name) else { throw .invalidProposal(reason: "unknown spend source '\(name)'") }
        let rules = parameters.governance
        let stored = try state.recordOrFail(SpendWindow.self, at: .spendWindow(name))
        var window: SpendWindow
        if let stored, stored.isOpen(at: height, length: rules.changeWindowBlocks) {
            window = stored
        } else {
            window = SpendWindow(startHeight: height, balanceAtStart: try state.accountOrFail(source.address).balance, spent: 0)
        }
        let limit = window.limit(maxSpendBps: rules.maxSpendBps)
        let (total, overflow) = window.spent.addingReportingOverflow(amount)
        guard !overflow, total <= limit else {
            throw .spendLimitExceeded(source: name, limit: limit, spent: window.spent, requested: amount)
        }
        window.spent = total
        return (source, window)
    }
}

extension SpendWindow: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(startHeight)
        writer.u128(balanceAtStart)
        writer.u128(spent)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SpendWindow {
        try reader.expectVersion(Self.version, of: "spend window")
        return SpendWindow(startHeight: try reader.u64(), balanceAtStart: try reader.u128(), spent: try reader.u128())
    }
}
