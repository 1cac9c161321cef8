import Foundation

/// The wallet's settings from flags and environment variables, resolved in one place:
/// a flag wins over its variable, which wins over the default.
public struct WalletEnvironment: Sendable {
    public static let keystoreVariable = "PROOFMINT_KEYSTORE"
    public static let kdfVariable = "PROOFMINT_KDF"

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

    /// `--node URL`, else `PROOFMINT_NODE`, else `http://127.0.0.1:8645`.
    public func nodeClient(flag: String?, requestTimeout: Double = 15) throws(RPCError) -> NodeClient {
        let text = flag ?? variables[NodeClient.environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? NodeClient.defaultURL
        return NodeClient(url: try NodeClient.parseURL(text), requestTimeout: requestTimeout)
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
