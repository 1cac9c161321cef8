import Foundation

/// The wallet's settings from flags and environment variables, resolved in one place:
/// a flag wins over its variable, which wins over the default.
public struct WalletEnvironment: Sendable {
    public static let keystoreVariable = "PROOFMINT_KEYSTORE"
    public static let kdfVariable = "PROOFMINT_KDF"
    /// A file holding the node's control token (what `proofmintd start --control-token-file` reads).
    public static let controlTokenVariable = "PROOFMINT_CONTROL_TOKEN_FILE"

    public let variables: [String: String]

    public init(variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    /// `--keystore DIR`, else `PROOFMINT_KEYSTORE`, else `$HOME/.proofmint/keys`.
    public func keystore(flag: String?) -> Keystore {
        if let flag, !flag.isEmpty { return Keystore(directory: flag) }
        if let value = variables[Self.keystoreVariable], !value.isEmpty { return Keystore(directory: value) }
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return Keystore(directory: "\(home)/.proofmint/keys")
    }

    /// `--node URL`, else `PROOFMINT_NODE`, else `http://127.0.0.1:8645`; with the control token of
    /// `--control-token-file`, else `PROOFMINT_CONTROL_TOKEN_FILE`, when one is given.
    public func nodeClient(flag: String?, requestTimeout: Double = 15, controlTokenFile: String? = nil) throws(RPCError) -> NodeClient {
        let text = flag ?? variables[NodeClient.environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? NodeClient.defaultURL
        let tokenPath = controlTokenFile ?? variables[Self.controlTokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        return NodeClient(url: try NodeClient.parseURL(text), requestTimeout: requestTimeout, controlToken: try tokenPath.map(Self.readToken))
    }

    /// The token in `path`, surrounding whitespace removed.
    static func readToken(_ path: String) throws(RPCError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw .controlToken(path: path, reason: "it cannot be read") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .controlToken(path: path, reason: "it is empty") }
        return token
    }

    /// `--kdf NAME`, else `PROOFMINT_KDF`, else `fallback`: moderate for people's keys, interactive for the public
    /// dev keys (a strong KDF cannot protect a key everyone knows).
    public func kdfLimits(flag: String?, fallback: KDFLimits = .moderate) throws(InputError) -> KDFLimits {
        guard let text = flag ?? variables[Self.kdfVariable].flatMap({ $0.isEmpty ? nil : $0 }) else { return fallback }
        guard let limits = KDFLimits.named(text) else { throw .invalidKDF(text) }
        return limits
    }

    /// Where passwords come from for this invocation.
    public func passwordSource(file: String?) -> PasswordSource {
        PasswordSource(passwordFile: file, environment: variables)
    }
}
