import Foundation
import ProofmintRPC

/// Who may call the devnet control methods (`RPCMethod.isControl`: `pm_mine`, time, mining modes, the faucet and the
/// snapshot methods). They rewrite the chain's clock and history outside consensus, so a node serves them only when started for
/// a devnet (`--dev-control`; `make devnet` passes it), and, when a token file is given, only to callers that send its
/// content as `Authorization: Bearer <token>` (as geth's engine API does with its JWT secret file).
public struct ControlAccess: Sendable, Equatable {
    /// The shortest token accepted: 128 bits as hex, so the token cannot be guessed over the network.
    public static let minimumTokenLength = 32

    /// No control methods at all: the default of `proofmintd start`.
    public static let disabled = ControlAccess(enabled: false, token: nil)
    /// Control methods for anyone who can reach the RPC port (a loopback devnet).
    public static let open = ControlAccess(enabled: true, token: nil)

    public let enabled: Bool
    /// The bearer token, nil when control methods need none.
    public let token: String?

    public init(enabled: Bool, token: String?) {
        self.enabled = enabled
        self.token = token
    }

    /// Reads a token file: its content with surrounding whitespace removed, at least `minimumTokenLength`
    /// characters of printable ASCII without spaces (a header value cannot carry anything else).
    public static func readToken(file path: String) throws(ControlTokenError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .malformed(path: path, reason: "it holds spaces or non-ASCII characters") }
        guard token.utf8.count >= minimumTokenLength else {
            throw .malformed(path: path, reason: "it holds \(token.utf8.count) characters, at least \(minimumTokenLength) are needed")
        }
        return token
    }

    /// The verdict on one HTTP request's `Authorization` header, taken once per request and applied to each
    /// control call of it.
    public func verdict(authorization: String?) -> ControlVerdict {
        guard enabled else { return .disabled }
        guard let token else { return .granted }
        guard let authorization else { return .refused("the request has no Authorization header") }
        let prefix = "bearer "
        guard authorization.count > prefix.count, authorization.prefix(prefix.count).lowercased() == prefix else {
            return .refused("the Authorization header is not `Bearer <token>`")
        }
        let sent = authorization.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return Self.constantTimeEqual(Array(sent.utf8), Array(token.utf8)) ? .granted : .refused("the token does not match")
    }

    /// Compares without an early exit, so the time taken does not tell a caller how much of its guess was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0 && a.count == b.count
    }
}
