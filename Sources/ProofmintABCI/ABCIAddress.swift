/// Where `proofmintd abci` listens: CometBFT's `--proxy_app` forms `tcp://HOST:PORT` and `unix:///path`.
public enum ABCIAddress: Equatable, Sendable, CustomStringConvertible {
    case tcp(host: String, port: UInt16)
    case unix(path: String)

    public init(parsing text: String) throws(ABCIError) {
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/"), path.utf8.count < 104 else { throw .badAddress(text) }
            self = .unix(path: path)
            return
        }
        guard text.hasPrefix("tcp://") else { throw .badAddress(text) }
        let rest = text.dropFirst("tcp://".count)
        guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) else {
            throw .badAddress(text)
        }
        let host = String(rest[..<colon])
        guard !host.isEmpty else { throw .badAddress(text) }
        self = .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case let .tcp(host, port): return "tcp://\(host):\(port)"
        case let .unix(path): return "unix://\(path)"
        }
    }
}
