import Foundation
import ProofmintCore

/// Turns `tx validate` and `receipt sign` flags into protocol values, refusing locally what the chain would refuse
/// whatever its state (an unknown verdict, a quality above 100, a slash rate on a verdict that takes none), so the
/// user pays no fee for a typo. Rules that depend on parameters (the SLA slash range) are checked against the node's.
public enum VerificationInput {
    /// A verdict by its protocol name: `pass`, `sla_violation`, `attestation_failure` or `malicious` (`-` for `_` is forgiven).
    public static func verdict(_ text: String) throws(InputError) -> Verdict {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let verdict = Verdict(name: name) else { throw .invalidVerdict(text) }
        return verdict
    }

    /// The `validate` request, with the slash rate checked against `staking.slash_sla_min_bps ... slash_sla_max_bps`.
    public static func verdictRequest(
        job: String, verdict text: String, quality: Int, slashBps: Int?, staking: StakingParameters
    ) throws(VerificationInputError) -> VerdictRequest {
        let jobId: Hash32
        let verdict: Verdict
        do {
            jobId = try WalletInput.jobId(job)
            verdict = try Self.verdict(text)
        } catch {
            throw .input(error)
        }
        guard quality >= 0, quality <= Int(ComputeReceipt.maxQualityScore) else { throw .qualityOutOfRange(quality) }
        let range = Int(staking.slashSLAMinBps)...Int(staking.slashSLAMaxBps)
        let bps: UInt16
        switch (verdict, slashBps) {
        case (.slaViolation, nil):
            throw .slashRequired(range: range)
        case let (.slaViolation, given?):
            guard range.contains(given) else { throw .slashOutOfRange(given: given, range: range) }
            bps = UInt16(given)
        case (_, nil):
            bps = 0
        case (_, _?):
            throw .slashUnexpected(verdict: verdict.name)
        }
        return VerdictRequest(jobId: jobId, verdict: verdict, quality: UInt8(quality), slashBps: bps)
    }

    /// A receipt's model, input or output hash: 64 hex digits (surrounding whitespace and a `0x` prefix forgiven).
    public static func hash(_ text: String, field: String) throws(InputError) -> Hash32 {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if trimmed.hasPrefix("0x") { trimmed.removeFirst(2) }
        guard trimmed.count == 64, let hash = Hash32(hex: trimmed) else { throw .invalidHash(field: field, text: text) }
        return hash
    }

    /// The hash a receipt carries for one of model, input and output: given in hex, or BLAKE2b-256 of a file; exactly
    /// one of the two. The validator re-hashes what it is sent and compares.
    public static func contentHash(hex: String?, file: String?, name: String) throws(VerificationInputError) -> Hash32 {
        switch (hex, file) {
        case let (hex?, nil):
            do { return try hash(hex, field: "--\(name)-hash") } catch { throw .input(error) }
        case let (nil, file?):
            do { return try Hash32(bytes: try FileSystem.blake2b256(file)) } catch let error as FileSystemError {
                throw .file(error)
            } catch {
                throw .input(.invalidHash(field: "--\(name)-file", text: file))
            }
        case (nil, nil):
            throw .hashMissing(name: name)
        case (_?, _?):
            throw .hashTwice(name: name)
        }
    }
}

/// Why `tx validate` or `receipt sign` flags were refused before anything was signed.
public enum VerificationInputError: Error, Equatable, CustomStringConvertible {
    case input(InputError)
    case file(FileSystemError)
    case qualityOutOfRange(Int)
    case slashRequired(range: ClosedRange<Int>)
    case slashOutOfRange(given: Int, range: ClosedRange<Int>)
    case slashUnexpected(verdict: String)
    case hashMissing(name: String)
    case hashTwice(name: String)

    public var description: String {
        switch self {
        case let .input(error): return error.description
        case let .file(error): return error.description
        case let .qualityOutOfRange(quality): return "--quality \(quality) is outside 0–100"
        case let .slashRequired(range):
            return "an sla_violation verdict names its slash rate: add --slash-bps N with N from \(range.lowerBound) to \(range.upperBound)"
        case let .slashOutOfRange(given, range):
            return "--slash-bps \(given) is outside staking.slash_sla_min_bps..slash_sla_max_bps (\(range.lowerBound)–\(range.upperBound))"
        case let .slashUnexpected(verdict):
            return "--slash-bps applies to sla_violation only; a \(verdict) verdict slashes at the rate the chain fixes: drop --slash-bps"
        case let .hashMissing(name):
            return "the receipt needs the \(name) hash: give --\(name)-hash HEX (64 hex digits) or --\(name)-file FILE (hashed with BLAKE2b-256)"
        case let .hashTwice(name):
            return "give either --\(name)-hash or --\(name)-file, not both"
        }
    }
}
