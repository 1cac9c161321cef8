import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintRPC
import ProofmintTestSupport
import ProofmintWallet

@testable import ProofmintFuzzTargets

/// Writes the seed corpus of every fuzz target (`Fuzz/Corpus/<target>/`) from committed inputs only, the same
/// bytes on every run: transactions, blocks and receipt lists from the golden chain fixture (the first transaction
/// of each payload kind, and its block), a short chain file cut from it, the devnet and fixture genesis files, a
/// keystore sealed at the lowest KDF cost, and one body per RPC method over the fuzz node.
enum FuzzSeedCorpus {
    static let directory = RepositoryRoot.url.appendingPathComponent("Fuzz/Corpus")

    /// Target → file name → bytes.
    static func generate() async throws -> [FuzzTarget: [String: Bytes]] {
        let chain = try GoldenChainSample.read()
        var seeds: [FuzzTarget: [String: Bytes]] = [:]
        for (height, block) in chain.sampleBlocks {
            seeds[.block, default: [:]]["block-\(height).bin"] = block.canonicalBytes
            seeds[.receipts, default: [:]]["receipts-\(height).bin"] = chain.receipts[height]?.canonicalBytes ?? []
        }
        for sample in chain.sampleTransactions { seeds[.transaction, default: [:]][sample.name] = sample.signed.canonicalBytes }
        let file = chain.shortFile(blocks: 3)
        seeds[.chainFile] = ["as-is-3-blocks.pmc": [0] + file, "resealed-3-blocks.pmc": [1] + file]
        let devnet = try bytes(of: "genesis/devnet.json")
        seeds[.genesis] = [
            "devnet.json": devnet,
            "devnet-fork.bin": try forkGenesisFile(of: devnet),
            "golden-chain.json": chain.genesisFile,
            "fuzz-node.json": Array(try FuzzNode.genesisJSON().utf8),
        ]
        seeds[.keystore] = ["lowest-cost.json": try lowCostKeystore()]
        seeds[.rpc] = try await rpcBodies()
        return seeds
    }

    /// A fork genesis file (PROTOCOL.md §10.6) whose state is the genesis state of `json`, so the fuzzer starts inside
    /// the `PMFORKGN` and state dump decoders as well as the JSON parser.
    private static func forkGenesisFile(of json: Bytes) throws -> Bytes {
        let genesis = try Genesis.parse(json: json)
        let header = genesis.genesisBlock().block.header
        let entries = genesis.stateWrites().compactMap { write in write.value.map { StateDump.Entry(key: write.key, value: $0) } }
        let dump = StateDump(
            chainId: genesis.chainId, height: 0, blockHash: header.hash, blockTime: header.timestamp, stateRoot: header.stateRoot,
            entries: entries)
        let fork = try Genesis(forking: dump, chainId: "proofmint-fork-1", genesisTime: header.timestamp)
        guard let file = fork.forkGenesisFile else { throw FuzzFailure(.genesis, "a fork genesis has no fork file") }
        return file
    }

    /// Replaces every target's seed directory with what `generate` makes.
    static func write(_ seeds: [FuzzTarget: [String: Bytes]]) throws {
        for (target, files) in seeds {
            let folder = directory.appendingPathComponent(target.rawValue)
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        }
    }

    private static func bytes(of path: String) throws -> Bytes {
        Bytes(try Data(contentsOf: RepositoryRoot.url.appendingPathComponent(path)))
    }

    /// A keystore sealed under `KeystoreTarget.password` at Argon2id's minimum cost (1 pass, 8 KiB), with a salt and
    /// nonce derived from fixed strings (the wallet's `seal` draws them at random), so the fuzzer can unlock it.
    private static func lowCostKeystore() throws -> Bytes {
        let key = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/fuzz/keystore".utf8)))
        let salt = Array(Blake2b.hash256(Array("proofmint/fuzz/salt".utf8)).prefix(Argon2id.saltLength))
        let nonce = Array(Blake2b.hash256(Array("proofmint/fuzz/nonce".utf8)).prefix(SecretBox.nonceLength))
        let secret = try Argon2id.deriveKey(
            password: KeystoreTarget.password, salt: salt, opsLimit: 1, memLimit: 8 << 10, length: SecretBox.keyLength)
        let ciphertext = try SecretBox.seal(key.seed, key: secret, nonce: nonce)
        let text = """
            {"version": 1, "name": "fuzz", "address": "\(Address(publicKey: key.publicKey))",
             "public_key": "\(key.publicKey.bytes.hex)",
             "kdf": {"name": "argon2id13", "opslimit": 1, "memlimit": 8192, "salt": "\(salt.hex)"},
             "cipher": {"name": "xsalsa20poly1305", "nonce": "\(nonce.hex)", "ciphertext": "\(ciphertext.hex)"}}
            """
        return try KeystoreFile(parsing: Array(text.utf8), path: "seed").encoded
    }

    /// One body per method without params, and the lookups with params that find the fuzz node's block, transfer
    /// and account; a batch, a notification and a transaction submission.
    private static func rpcBodies() async throws -> [String: Bytes] {
        let fuzzNode = try await FuzzNode.shared()
        let user = Address(publicKey: try FuzzNode.keys().user.publicKey)
        let blockHash = try fuzzNode.node.store.block(at: 1)?.hash.hex ?? ""
        let next = Transaction(
            chainId: fuzzNode.transfer.transaction.chainId, sender: fuzzNode.transfer.transaction.sender, nonce: 1,
            fee: fuzzNode.transfer.transaction.fee, payload: fuzzNode.transfer.transaction.payload
        ).signed(by: try FuzzNode.keys().user)
        var bodies: [String: String] = [:]
        for method in RPCMethod.allCases {
            bodies["method-\(method.rawValue).json"] = #"{"jsonrpc":"2.0","id":1,"method":"\#(method.rawValue)"}"#
        }
        bodies["get-account-proof.json"] = call("pm_getAccount", #"{"address":"\#(user)","proof":true}"#)
        bodies["get-block-full.json"] = call("pm_getBlock", #"{"height":1,"full":true}"#)
        bodies["get-block-hash.json"] = call("pm_getBlock", #"{"hash":"\#(blockHash)"}"#)
        bodies["get-transaction.json"] = call("pm_getTransaction", #"{"id":"\#(fuzzNode.transfer.id.hex)"}"#)
        bodies["send-transaction.json"] = call("pm_sendTransaction", #"{"tx":"\#(next.canonicalBytes.hex)"}"#)
        bodies["batch.json"] = "[" + ["pm_status", "pm_getSupply", "pm_getEpoch"].map { call($0, "{}") }.joined(separator: ",") + "]"
        bodies["notification.json"] = #"{"jsonrpc":"2.0","method":"pm_status"}"#
        return bodies.mapValues { Array($0.utf8) }
    }

    private static func call(_ method: String, _ params: String) -> String {
        #"{"jsonrpc":"2.0","id":7,"method":"\#(method)","params":\#(params)}"#
    }
}
