import ProofmintCore
import ProofmintWallet

/// `KeystoreFile(parsing:)` (every `keys` command and every signing command reads it) and, for a file it accepts,
/// its re-encoding and an unlock with a fixed password.
///
/// The unlock runs Argon2id with the file's own limits. The parser already refuses limits above the cap (issue 13,
/// D9: at most about four `moderate` unlocks), but even one `interactive` unlock (64 MiB) would slow the fuzzer to a
/// few inputs a second, so inputs whose limits exceed `unlockBudget` are parsed and re-encoded but not unlocked.
/// The cap itself is covered by `KeystoreSecretsTests`.
enum KeystoreTarget {
    /// The password the seed keystore is sealed with, so the seed unlocks and mutations near it reach the MAC check.
    static let password = Array("proofmint-fuzz".utf8)
    /// The most Argon2id work the fuzzer spends on one input: 2 passes over 64 KiB, well under a millisecond.
    static let unlockBudget = KDFLimits(opsLimit: 2, memLimit: 64 << 10)
    private static let path = "fuzz-keystore.json"

    static func check(_ bytes: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let file = try? KeystoreFile(parsing: bytes, path: path) else { return .refused }
        let reparsed: KeystoreFile
        do {
            reparsed = try KeystoreFile(parsing: file.encoded, path: path)
        } catch {
            throw FuzzFailure(.keystore, "a parsed keystore does not parse from its own encoding: \(error)")
        }
        guard reparsed == file else { throw FuzzFailure(.keystore, "a parsed keystore re-encodes to a different file") }
        if file.kdf.opsLimit <= unlockBudget.opsLimit, file.kdf.memLimit <= unlockBudget.memLimit {
            _ = try? file.open(password: password, path: path)
        }
        return .accepted
    }
}
