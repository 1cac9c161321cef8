/// A genesis made of a state dump (a fork of a chain at a height, `proofmintd init --from-state`; PROTOCOL.md §10.6):
/// the fork genesis file is `PMFORKGN ‖ u16 version ‖ chain id ‖ u64 genesis time ‖ the dump's bytes`, so the chain
/// file, `replay` and `import` carry and check the whole state like any other genesis file.
extension Genesis {
    /// `PMFORKGN`: recognises a fork genesis file.
    public static let forkMagic = Bytes("PMFORKGN".utf8)
    public static let forkFormatVersion: UInt16 = 1

    /// A genesis whose state is exactly `dump`'s entries, under a new chain id. The dump must hold the parameters
    /// and the validator set (every state from a genesis does); the validators there produce the fork's blocks.
    public init(forking dump: StateDump, chainId: String, genesisTime: UInt64) throws(GenesisError) {
        try Self.checkChainId(chainId, path: "fork chain id")
        let state = MemoryStateStore()
        state.apply(writes: dump.entries.map { ($0.key, $0.value) }, treeNodes: [])
        let parameters: Parameters, validators: ValidatorSet?
        do {
            parameters = try state.parameters()
            validators = try state.record(ValidatorSet.self, at: .validators)
        } catch {
            throw GenesisError("state dump", "\(error)")
        }
        guard let validators, !validators.validators.isEmpty else {
            throw GenesisError("state dump", "holds no validator set: nobody could produce the fork's blocks")
        }
        self.init(chainId: chainId, genesisTime: genesisTime, parameters: parameters, validators: validators, allocations: [], stateDump: dump)
    }

    /// The fork genesis file for this genesis; nil when it was not made from a dump.
    public var forkGenesisFile: Bytes? {
        guard let stateDump else { return nil }
        var writer = CanonicalWriter()
        writer.fixed(Self.forkMagic)
        writer.u16(Self.forkFormatVersion)
        writer.string(chainId)
        writer.u64(genesisTime)
        writer.fixed(stateDump.encoded())
        return writer.bytes
    }

    /// Any genesis file: a fork genesis file (recognised by its magic; the dump's digest and root are checked) or
    /// the JSON form.
    public static func parse(file: Bytes) throws(GenesisError) -> Genesis {
        guard file.starts(with: forkMagic) else { return try parse(json: file) }
        var reader = CanonicalReader(Array(file.dropFirst(forkMagic.count)))
        let chainId: String, time: UInt64
        do {
            let version = try reader.u16()
            guard version == forkFormatVersion else {
                throw GenesisError("fork genesis", "has format version \(version); this build reads version \(forkFormatVersion)")
            }
            chainId = try reader.string(field: "chain_id", max: Transaction.maxChainIdBytes)
            time = try reader.u64()
        } catch let error as GenesisError {
            throw error
        } catch {
            throw GenesisError("fork genesis", "is truncated or malformed: \(error)")
        }
        let dump: StateDump
        do { dump = try StateDump.verified(Array(file.dropFirst(forkMagic.count + reader.offset))) } catch {
            throw GenesisError("fork genesis", error.description)
        }
        return try Genesis(forking: dump, chainId: chainId, genesisTime: time)
    }
}
