import ProofmintCore

/// `pm_faucet` params: who to fund, and how much (default 1,000 AI).
public struct FaucetParams: RPCObject {
    public static let defaultAmount: Amount = 1_000 * Tokens.one
    public var address: Address
    @Omittable public var amount: Amount?
    public init(address: Address, amount: Amount? = nil) {
        self.address = address
        self.amount = amount
    }
}

/// `pm_faucet` result: the transfer the dev reserve signed (pending until the next block includes it).
public struct FaucetResult: RPCObject {
    public var id: Hash32
    public var from: Address
    public var to: Address
    public var amount: Amount
    public var fee: Amount
    public init(id: Hash32, from: Address, to: Address, amount: Amount, fee: Amount) {
        self.id = id
        self.from = from
        self.to = to
        self.amount = amount
        self.fee = fee
    }
}
