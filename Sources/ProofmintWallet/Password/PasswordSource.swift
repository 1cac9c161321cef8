import Foundation
import ProofmintCrypto

/// Where key passwords come from, in order: `--password-file FILE`, `PROOFMINT_PASSWORD`, an interactive prompt.
public struct PasswordSource: Sendable {
    public static let environmentVariable = "PROOFMINT_PASSWORD"

    public let passwordFile: String?
    public let environment: [String: String]
    /// Whether a terminal prompt may be used; tests turn it off so they can never hang on a prompt.
    public let allowPrompt: Bool

    public init(passwordFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment, allowPrompt: Bool = true) {
        self.passwordFile = passwordFile
        self.environment = environment
        self.allowPrompt = allowPrompt
    }

    /// The password that unlocks key `name`.
    public func unlockPassword(for name: String) throws(PasswordError) -> Bytes {
        if let fixed = try fixedPassword() { return fixed }
        guard let typed = try prompt("Password for key '\(name)': ") else {
            throw .noSource(what: "the password for key '\(name)'")
        }
        return Array(typed.utf8)
    }

    /// A new password for key `name`; typed passwords are asked twice and must match.
    public func newPassword(for name: String) throws(PasswordError) -> Bytes {
        if let fixed = try fixedPassword() { return fixed }
        guard let first = try prompt("New password for key '\(name)': ") else {
            throw .noSource(what: "a password for the new key '\(name)'")
        }
        guard !first.isEmpty else { throw .emptyPassword(source: "the prompt") }
        guard let second = try prompt("Repeat the password: ") else { throw .cancelled }
        guard first == second else { throw .mismatch }
        return Array(first.utf8)
    }

    /// The password from the file or the environment, if either is given.
    private func fixedPassword() throws(PasswordError) -> Bytes? {
        if let passwordFile {
            var bytes: Bytes
            do {
                bytes = try FileSystem.read(passwordFile, limit: 64 * 1024)
            } catch {
                throw .unreadableFile(error)
            }
            // One trailing line break is what editors and `echo` add; it is not part of the password.
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            guard !bytes.isEmpty else { throw .emptyPassword(source: "password file \(passwordFile)") }
            return bytes
        }
        if let value = environment[Self.environmentVariable] {
            guard !value.isEmpty else { throw .emptyPassword(source: "\(Self.environmentVariable) (it is set but empty)") }
            return Array(value.utf8)
        }
        return nil
    }

    private func prompt(_ text: String) throws(PasswordError) -> String? {
        guard allowPrompt else { return nil }
        return try TerminalPrompt.readLine(prompt: text, echo: false)
    }
}
