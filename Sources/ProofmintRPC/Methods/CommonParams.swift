import ProofmintCore

/// Params of the methods that take only an address (`pm_getStake`).
public struct AddressParams: RPCObject {
    public var address: Address
    public init(address: Address) { self.address = address }
}

/// Params of the list methods that take only a limit (`pm_getProviders`).
public struct LimitParams: RPCObject {
    public var limit: UInt64?
    public init(limit: UInt64? = nil) { self.limit = limit }
}
