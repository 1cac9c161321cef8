import ProofmintCrypto
import XCTest

/// Expected values computed independently with Python's `hashlib.sha256`, `hmac.new(..., "sha512")` and
/// `hashlib.pbkdf2_hmac("sha512", password, salt, iterations, length)`.
final class SHA2Tests: XCTestCase {
    func testSHA256() {
        XCTAssertEqual(SHA2.sha256(Array("abc".utf8)).hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testHMACSHA512() {
        XCTAssertEqual(
            SHA2.hmacSHA512(key: Array("key".utf8), message: Array("The quick brown fox jumps over the lazy dog".utf8)).hex,
            "b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a")
    }

    func testPBKDF2SHA512() {
        let cases: [(password: String, salt: String, iterations: Int, length: Int, hex: String)] = [
            ("password", "salt", 1, 64,
             "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce"),
            ("password", "salt", 2, 64,
             "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e"),
            ("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 64,
             "8c0511f4c6e597c6ac6315d8f0362e225f3c501495ba23b868c005174dc4ee71115b59f9e60cd9532fa33e0f75aefe30225c583a186cd82bd4daea9724a3d3b8"),
            // Longer than one 64-byte block: exercises the block counter.
            ("pass", "mnemonic", 2048, 100,
             "b196015ff6651dc874f4c51157ec5243592ab8d2babdb85e6e375c6fd24219c276b556a242483d8afb727a5dc833ad557b14261f05224775028695541f0b2c3ebce1b060deacd58b1efe1af6d9a7257846cabcc60dbfb2ab2bdca583b1e06ba8f4c31523"),
            ("", "", 3, 10, "ba78a2c18fe1f3cfffab"),
        ]
        for c in cases {
            let out = SHA2.pbkdf2SHA512(password: Array(c.password.utf8), salt: Array(c.salt.utf8), iterations: c.iterations, length: c.length)
            XCTAssertEqual(out.hex, c.hex, "PBKDF2(\(c.password), \(c.salt), \(c.iterations), \(c.length))")
        }
    }
}
