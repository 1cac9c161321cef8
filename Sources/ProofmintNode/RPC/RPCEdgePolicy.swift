import Foundation
import ProofmintRPC

/// What the HTTP edge accepts before a body reaches the JSON-RPC handler, as pure checks the server applies and
/// the tests call directly. Each rule closes a way for a web page the operator opens to reach the node:
/// - the `Host` allowlist stops DNS rebinding (a page whose name resolves to 127.0.0.1 sends its own name);
/// - `application/json` only: a cross-site "simple" request (`text/plain`, forms) needs no CORS preflight, so the
///   browser would deliver it; a JSON content type forces the preflight the node then refuses;
/// - an `Origin` header is refused unless its origin is configured (CORS is off by default).
public struct RPCEdgePolicy: Sendable, Equatable {
    /// Host names every node accepts: the loopback names.
    public static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "::1"]

    /// Lower-case host names (no port) accepted in `Host`; `*` accepts any.
    public let allowedHosts: Set<String>
    /// Origins (`scheme://host[:port]`, compared case-insensitively) allowed to call from a browser; `*` allows any.
    public let corsOrigins: Set<String>

    public init(allowedHosts: Set<String>, corsOrigins: Set<String> = []) {
        self.allowedHosts = Set(allowedHosts.map { Self.normalizedHost($0) })
        self.corsOrigins = Set(corsOrigins.map { $0.lowercased() })
    }

    /// The default for a node bound to `boundHost`: the loopback names, the bound address unless it is a wildcard
    /// (0.0.0.0 or ::, whose names only the operator knows), and `extraHosts`.
    public init(boundHost: String, extraHosts: [String] = [], corsOrigins: [String] = []) {
        var hosts = Self.loopbackHosts
        let bound = Self.normalizedHost(boundHost)
        if bound != "0.0.0.0" && bound != "::" && !bound.isEmpty { hosts.insert(bound) }
        hosts.formUnion(extraHosts.map { Self.normalizedHost($0) }.filter { !$0.isEmpty })
        self.init(allowedHosts: hosts, corsOrigins: Set(corsOrigins))
    }

    /// Refuses a `Host` (the request's authority) whose name is not allowed, or a request with none or several.
    public func checkHost(_ authority: String?, extraHostHeaders: Int = 0) -> RPCEdgeRefusal? {
        guard extraHostHeaders == 0 else { return .init(status: 400, .invalidRequest("the request has more than one Host header")) }
        guard let authority, !authority.isEmpty else { return .init(status: 403, .invalidRequest("the request has no Host header")) }
        if allowedHosts.contains("*") { return nil }
        let name = Self.hostName(ofAuthority: authority)
        guard allowedHosts.contains(name) else {
            return .init(
                status: 403,
                .invalidRequest(
                    "host '\(name)' is not allowed (DNS rebinding guard): the node accepts \(allowedHosts.sorted().joined(separator: ", ")); "
                        + "add the name with --rpc-allowed-hosts"))
        }
        return nil
    }

    /// Refuses a request whose `Origin` (sent by browsers) is not a configured CORS origin.
    public func checkOrigin(_ origin: String?) -> RPCEdgeRefusal? {
        guard let origin else { return nil }
        guard allowsOrigin(origin) else {
            return .init(
                status: 403,
                .invalidRequest("cross-origin requests from '\(origin)' are not allowed: start the node with --rpc-cors-origins \(origin) to allow them"))
        }
        return nil
    }

    /// Refuses a POST body that is not declared `application/json` (parameters such as `charset` are allowed).
    public func checkContentType(_ value: String?) -> RPCEdgeRefusal? {
        let mediaType = value?.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == "application/json" else {
            return .init(
                status: 415,
                .invalidRequest("the body must be sent with Content-Type: application/json (got \(value.map { "'\($0)'" } ?? "none"))"))
        }
        return nil
    }

    /// Whether a browser page from `origin` may call; always false when no CORS origin is configured.
    public func allowsOrigin(_ origin: String) -> Bool {
        corsOrigins.contains("*") || corsOrigins.contains(origin.lowercased())
    }

    /// The host name of an authority (`name`, `name:port`, `[v6]:port`), lower-case, without a trailing dot.
    static func hostName(ofAuthority authority: String) -> String {
        var text = Substring(authority.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return normalizedHost(String(text)) }
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = text[..<colon]
        }
        return normalizedHost(String(text))
    }

    /// Whether `origin` is the node's own page: `http://` and exactly the request's `Host`, whose name the allowlist
    /// names (a `*` allowlist does not count, or a rebinding page, whose `Host` is its own name, would pass). The
    /// explorer served at `GET /` calls the node from there; a page from anywhere else is not same-origin.
    public func isSameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, !authority.isEmpty, allowedHosts.contains(Self.hostName(ofAuthority: authority)) else { return false }
        return origin.lowercased() == "http://" + authority.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func normalizedHost(_ host: String) -> String {
        var name = host.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }
}
