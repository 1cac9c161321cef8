/// Everything the state transition may read of the parent state: values by key and the stored tree nodes.
/// The LMDB store and the in-memory store implement it; the state transition never writes through it.
public protocol StateReader: TreeNodeReader {
    func value(for key: StateKey) throws(StateReadError) -> Bytes?
}

extension StateReader {
    /// Decodes the record at `key`, nil if absent.
    public func record<T: CanonicalDecodable>(_ type: T.Type, at key: StateKey) throws(StateReadError) -> T? {
        guard let bytes = try value(for: key) else { return nil }
        return try StateKey.decode(T.self, bytes, storedAt: key)
    }

    public func account(_ address: Address) throws(StateReadError) -> Account {
        try record(Account.self, at: .account(address)) ?? .empty
    }

    public func totals() throws(StateReadError) -> ChainTotals {
        try record(ChainTotals.self, at: .totals) ?? .zero
    }

    public func parameters() throws(StateReadError) -> Parameters {
        guard let parameters = try record(Parameters.self, at: .parameters) else {
            throw StateReadError("state has no parameters record: it was not initialised from a genesis")
        }
        // Checked on every read, so arithmetic that relies on the bounds (a fee split summing to 10,000) never
        // meets a record that breaks them.
        if let problem = parameters.violations().first { throw StateReadError("stored parameters are invalid: \(problem)") }
        return parameters
    }

    public func validatorSet() throws(StateReadError) -> ValidatorSet {
        try record(ValidatorSet.self, at: .validators) ?? ValidatorSet(validators: [])
    }

    public func stateRoot() throws(StateReadError) -> Hash32 { try StateTree.root(of: self) }

    /// The proof for `key` under the current root.
    public func proof(for key: StateKey) throws(StateReadError) -> StateProof {
        try StateProof.make(for: key.treeKey, reader: self)
    }
}
