import ProofmintCore
import XCTest

/// The beacon vector of docs/PROTOCOL.md §15, which scripts/protocol_vectors.py computes with its own pure-Python
/// ECVRF: validator-0 of the devnet proves block 1's beacon.
final class BeaconTests: XCTestCase {
    static let chainId = "proofmint-devnet-1"

    func testTheDevnetBeaconVectorOfBlockOne() throws {
        let validator = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/insecure-dev-validator/0".utf8)))
        XCTAssertEqual(validator.publicKey.bytes.hex, "450f47fa007940b297d11741884912166b02aad755344bf0297331a140b317f5")
        XCTAssertEqual(
            BlockHeader.beaconInput(chainId: Self.chainId, height: 1).hex,
            "70726f6f666d696e742f626561636f6e2f76310000001270726f6f666d696e742d6465766e65742d310000000000000001")
        let proof = try BlockHeader.beaconProof(chainId: Self.chainId, height: 1, producer: validator)
        XCTAssertEqual(
            proof.hex,
            "7f78c33310b094b8830c6bbc56a569accf138ac2c3a1f2c3fa46bd6a0e714c3070b394635ac9497c6c39b188fd7f548f1c8850e027deabb6900a30556ea17abedee3129f9970310bb1f387ab0212970e")
        XCTAssertEqual(
            VRF.output(proof: proof)?.hex,
            "13a5d012bedaf94746829672184429018c1d5660073e414dfef84b5ae0d5b87a562052c13f2ea196ffe03890aed87499a05f7a1a3f913011dc7318ea8787da6c")
        let value = try XCTUnwrap(BlockHeader.beaconOutput(proof, producer: validator.publicKey, chainId: Self.chainId, height: 1))
        XCTAssertEqual(value.hex, "aa3a433951f774fefaca07bac149f7b17adc5b9a22b81570ec40c1a1f227eea9")
        XCTAssertEqual(RandomnessMix.next(previous: .zero, beacon: value).hex, "ac49b73a84ffa077b65825e59604f80b97f3df3cf5603a8be44503505517a42b")
        XCTAssertNil(BlockHeader.beaconOutput(proof, producer: validator.publicKey, chainId: Self.chainId, height: 2))
    }

    func testTheMixKeyAndHeaderLayout() throws {
        XCTAssertEqual(StateKey.randomnessMix.bytes, [0x29])
        XCTAssertEqual(StateKey.randomnessMix.description, "randomness-mix")
        XCTAssertEqual(BlockHeader.genesisBeacon, Bytes(repeating: 0, count: 80))
        let header = BlockHeader(
            chainId: Self.chainId, height: 0, parentHash: .zero, timestamp: 0, transactionRoot: .zero, receiptRoot: .zero,
            stateRoot: .zero, transactionCount: 0, producer: Bytes(repeating: 0, count: 32), beacon: Bytes(repeating: 7, count: 80))
        let bytes = header.canonicalBytes
        XCTAssertEqual(bytes.count, 265 + Self.chainId.utf8.count)
        XCTAssertEqual(bytes.first, 2, "header version 2")
        XCTAssertEqual(Array(bytes.suffix(80)), Bytes(repeating: 7, count: 80), "the beacon ends the header")
        XCTAssertEqual(try BlockHeader(canonical: bytes), header)
    }
}
