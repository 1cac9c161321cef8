@testable import ProofmintCrypto
import XCTest

final class VRFTests: XCTestCase {
    /// RFC 9381 Appendix B.3, ECVRF-EDWARDS25519-SHA512-TAI examples 16, 17 and 18: (SK, PK, alpha, H, pi, beta).
    /// H is the intermediate encode_to_curve point the RFC prints (example 17 needs ctr = 1).
    static let vectors: [(sk: String, pk: String, alpha: String, h: String, pi: String, beta: String)] = [
        (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "91bbed02a99461df1ad4c6564a5f5d829d0b90cfc7903e7a5797bd658abf3318",
            "8657106690b5526245a92b003bb079ccd1a92130477671f6fc01ad16f26f723f26f8a57ccaed74ee1b190bed1f479d97"
                + "27d2d0f9b005a6e456a35d4fb0daab1268a1b0db10836d9826a528ca76567805",
            "90cf1df3b703cce59e2a35b925d411164068269d7b2d29f3301c03dd757876ff66b71dda49d2de59d03450451af02679"
                + "8e8f81cd2e333de5cdf4f3e140fdd8ae"
        ),
        (
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "5b659fc3d4e9263fd9a4ed1d022d75eaacc20df5e09f9ea937502396598dc551",
            "f3141cd382dc42909d19ec5110469e4feae18300e94f304590abdced48aed5933bf0864a62558b3ed7f2fea45c92a465"
                + "301b3bbf5e3e54ddf2d935be3b67926da3ef39226bbc355bdc9850112c8f4b02",
            "eb4440665d3891d668e7e0fcaf587f1b4bd7fbfe99d0eb2211ccec90496310eb5e33821bc613efb94db5e5b54c70a848"
                + "a0bef4553a41befc57663b56373a5031"
        ),
        (
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "bf4339376f5542811de615e3313d2b36f6f53c0acfebb482159711201192576a",
            "9bc0f79119cc5604bf02d23b4caede71393cedfbb191434dd016d30177ccbf8096bb474e53895c362d8628ee9f9ea3c0"
                + "e52c7a5c691b6c18c9979866568add7a2d41b00b05081ed0f58ee5e31b3a970e",
            "645427e5d00c62a23fb703732fa5d892940935942101e456ecca7bb217c61c452118fec1219202a0edcf038bb6373241"
                + "578be7217ba85a2687f7a0310b2df19f"
        ),
    ]

    func testRFC9381Vectors() throws {
        for vector in Self.vectors {
            let key = try Ed25519.PrivateKey(seed: XCTUnwrap(Bytes(hex: vector.sk)))
            XCTAssertEqual(key.publicKey.bytes.hex, vector.pk)
            let alpha = try XCTUnwrap(Bytes(hex: vector.alpha))
            XCTAssertEqual(VRF.encodeToCurve(salt: key.publicKey.bytes, alpha: alpha)?.hex, vector.h, "H, example alpha \(vector.alpha)")
            let proof = try VRF.prove(key, alpha: alpha)
            XCTAssertEqual(proof.hex, vector.pi)
            XCTAssertEqual(VRF.verify(key.publicKey, alpha: alpha, proof: proof)?.hex, vector.beta)
            XCTAssertEqual(VRF.output(proof: proof)?.hex, vector.beta)
            // The prover's own output (no verification) is the RFC's beta too.
            let proven = try VRF.proveWithOutput(key, alpha: alpha)
            XCTAssertEqual(proven.proof.hex, vector.pi)
            XCTAssertEqual(proven.output.hex, vector.beta)
        }
    }

    func testRefusesTamperedProofsOtherInputsAndOtherKeys() throws {
        let vector = Self.vectors[1]
        let key = try Ed25519.PrivateKey(seed: XCTUnwrap(Bytes(hex: vector.sk)))
        let other = try Ed25519.PrivateKey(seed: XCTUnwrap(Bytes(hex: Self.vectors[0].sk)))
        let proof = try XCTUnwrap(Bytes(hex: vector.pi))
        XCTAssertNil(VRF.verify(key.publicKey, alpha: [0x73], proof: proof), "another input")
        XCTAssertNil(VRF.verify(other.publicKey, alpha: [0x72], proof: proof), "another key")
        for index in [0, 31, 32, 47, 48, 79] {
            var tampered = proof
            tampered[index] ^= 0x01
            XCTAssertNil(VRF.verify(key.publicKey, alpha: [0x72], proof: tampered), "byte \(index) flipped")
        }
        XCTAssertNil(VRF.verify(key.publicKey, alpha: [0x72], proof: Array(proof.dropLast())), "79 bytes")
        XCTAssertNil(VRF.output(proof: Bytes(repeating: 0, count: 80)), "the all-zero proof has no valid Gamma")
        // s = s + L: the same scalar modulo L, refused because it is not reduced (RFC 9381 §5.4.4).
        var unreduced = proof
        unreduced.replaceSubrange(48..<80, with: Bytes(repeating: 0xff, count: 32))
        XCTAssertNil(VRF.verify(key.publicKey, alpha: [0x72], proof: unreduced))
    }

    /// Gamma plus a point of order 2 leaves beta unchanged under the RFC's cofactor clearing; this implementation refuses
    /// it so that one proof has one byte string.
    func testRefusesGammaWithASmallOrderComponent() throws {
        let vector = Self.vectors[0]
        let key = try Ed25519.PrivateKey(seed: XCTUnwrap(Bytes(hex: vector.sk)))
        let proof = try XCTUnwrap(Bytes(hex: vector.pi))
        let orderTwo: Bytes = [0xec] + Bytes(repeating: 0xff, count: 30) + [0x7f]
        let gamma = try XCTUnwrap(VRF.decodePoint(Array(proof[0..<32])))
        let shifted = try XCTUnwrap(VRF.subtract(gamma, orderTwo))
        XCTAssertNil(VRF.output(proof: shifted + Array(proof[32...])))
        XCTAssertNil(VRF.verify(key.publicKey, alpha: [], proof: shifted + Array(proof[32...])))
    }

    func testDeterministicAndDistinctPerInput() throws {
        let key = try Ed25519.PrivateKey(seed: Bytes(repeating: 7, count: 32))
        let first = try VRF.prove(key, alpha: Array("height 1".utf8))
        XCTAssertEqual(first, try VRF.prove(key, alpha: Array("height 1".utf8)))
        let second = try VRF.prove(key, alpha: Array("height 2".utf8))
        XCTAssertNotEqual(VRF.output(proof: first), VRF.output(proof: second))
        XCTAssertEqual(VRF.verify(key.publicKey, alpha: Array("height 2".utf8), proof: second)?.count, VRF.outputLength)
    }
}
