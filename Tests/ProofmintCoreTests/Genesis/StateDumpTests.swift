import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The state dump's byte form (PROTOCOL.md §3.4) and the fork genesis built from it.
final class StateDumpTests: XCTestCase {
    private func devnet() throws -> Genesis {
        try Genesis.parse(json: Array(Data(contentsOf: RepositoryRoot.url.appendingPathComponent("genesis/devnet.json"))))
    }

    /// The devnet's genesis state as a dump stating the genesis block's root.
    private func genesisDump(reversed: Bool = false) throws -> StateDump {
        let genesis = try devnet()
        let header = genesis.genesisBlock().block.header
        var entries = genesis.stateWrites().compactMap { write in write.value.map { StateDump.Entry(key: write.key, value: $0) } }
        if reversed { entries.reverse() }
        return StateDump(
            chainId: genesis.chainId, height: 0, blockHash: header.hash, blockTime: header.timestamp, stateRoot: header.stateRoot, entries: entries)
    }

    func testTheSameStateGivesIdenticalBytesWhateverTheInsertionOrder() throws {
        let forward = try genesisDump(), backward = try genesisDump(reversed: true)
        XCTAssertGreaterThan(forward.entries.count, 10)
        XCTAssertEqual(forward.encoded(), backward.encoded())
        XCTAssertEqual(forward.encoded(), try genesisDump().encoded())
        XCTAssertEqual(try StateDump.decode(forward.encoded()), forward)
        XCTAssertTrue(forward.encoded().starts(with: Bytes("PMSTDUMP".utf8)))
    }

    /// The devnet genesis dump's digest, pinned with `scripts/state_dump.py --check`, which writes the same dump from
    /// genesis/devnet.json with the independent Python model: the two implementations agree on every byte.
    func testTheDevnetGenesisDumpHasThePinnedDigest() throws {
        let dump = try genesisDump()
        XCTAssertEqual(dump.digest.hex, "6164a426347394709acb897fbdf8945b1dbfdfdc54d1d59f2c047d39fc207995")
        XCTAssertEqual(dump.encoded().count, 2094)
    }

    func testTheRootRebuiltFromADumpIsTheSourceRoot() throws {
        let dump = try genesisDump()
        XCTAssertEqual(try dump.computedRoot(), try devnet().genesisBlock().block.header.stateRoot)
        XCTAssertEqual(try StateDump.verified(dump.encoded()), dump)
    }

    /// Any changed byte is refused: in the entries or the header by the digest; a header whose digest was
    /// recomputed over a wrong root by the root check; a short file as truncated.
    func testATamperedDumpIsRefused() throws {
        let dump = try genesisDump()
        var bytes = dump.encoded()
        bytes[bytes.count - 1] ^= 1
        XCTAssertThrowsError(try StateDump.decode(bytes)) { XCTAssertTrue("\($0)".contains("digest"), "\($0)") }
        var header = dump.encoded()
        header[50] ^= 1  // inside the block hash
        XCTAssertThrowsError(try StateDump.decode(header)) { XCTAssertTrue("\($0)".contains("digest"), "\($0)") }
        let lying = StateDump(
            chainId: dump.chainId, height: 0, blockHash: dump.blockHash, blockTime: dump.blockTime, stateRoot: .zero, entries: dump.entries)
        XCTAssertNoThrow(try StateDump.decode(lying.encoded()))
        XCTAssertThrowsError(try StateDump.verified(lying.encoded())) { XCTAssertTrue("\($0)".contains("not the"), "\($0)") }
        XCTAssertThrowsError(try StateDump.decode(Array(dump.encoded().dropLast(5)))) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
        XCTAssertThrowsError(try StateDump.decode(Bytes("{}".utf8))) { XCTAssertTrue("\($0)".contains("PMSTDUMP"), "\($0)") }
    }

    /// Keys out of order or repeated are refused (a dump has one byte form, so one order).
    func testKeysOutOfOrderOrRepeatedAreRefused() throws {
        let a = StateDump.Entry(key: StateKey(bytes: [1]), value: [1]), b = StateDump.Entry(key: StateKey(bytes: [2]), value: [2])
        let sorted = StateDump(chainId: "c", height: 0, blockHash: .zero, blockTime: 0, stateRoot: .zero, entries: [b, a]).encoded()
        // Each entry is 10 bytes (u32 length, 1-byte key, u32 length, 1-byte value), the last 20 bytes of the file.
        let first = Array(sorted.suffix(20).prefix(10)), second = Array(sorted.suffix(10)), header = Array(sorted.dropLast(20))
        XCTAssertEqual(try StateDump.decode(sorted).entries, [a, b])
        for entries in [second + first, first + first] {
            XCTAssertThrowsError(try StateDump.decode(header + entries)) { XCTAssertTrue("\($0)".contains("strictly ascending"), "\($0)") }
        }
    }

    /// The fork genesis file round-trips through `Genesis.parse(file:)`, and block 0 of the fork has the dump's root
    /// under the new chain id.
    func testAForkGenesisStartsWithTheDumpedRoot() throws {
        let dump = try genesisDump()
        let fork = try Genesis(forking: dump, chainId: "fork-1", genesisTime: 42)
        let file = try XCTUnwrap(fork.forkGenesisFile)
        let parsed = try Genesis.parse(file: file)
        XCTAssertEqual(parsed, fork)
        let header = parsed.genesisBlock().block.header
        XCTAssertEqual(header.stateRoot, dump.stateRoot)
        XCTAssertEqual(header.chainId, "fork-1")
        XCTAssertEqual(header.timestamp, 42)
        XCTAssertEqual(parsed.validators, try devnet().validators)
        var damaged = file
        damaged[damaged.count - 1] ^= 1
        XCTAssertThrowsError(try Genesis.parse(file: damaged)) { XCTAssertTrue("\($0)".contains("digest"), "\($0)") }
        XCTAssertThrowsError(try Genesis(forking: dump, chainId: "Not A Chain", genesisTime: 0))
    }
}
