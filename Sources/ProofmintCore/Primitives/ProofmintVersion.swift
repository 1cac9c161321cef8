/// What this build is, for `--version` on both binaries and for bug reports: the package's release and the protocol
/// version it implements (docs/PROTOCOL.md, "version 4"; §14 says when that number changes). Two builds with the same
/// protocol version and draft status agree on every block; the package version alone says nothing about that.
public enum ProofmintVersion {
    /// The package's version; bumped by hand at a release.
    public static let package = "0.1.0"
    /// The protocol version of docs/PROTOCOL.md that the state transition implements.
    public static let protocolVersion: UInt8 = 4
    /// docs/PROTOCOL.md §14: the protocol is a draft (changed in place) until a chain is released.
    public static let protocolIsDraft = true

    /// `0.1.0 (protocol 4, draft)`: the line `--version` prints after the command's name.
    public static var text: String {
        "\(package) (protocol \(protocolVersion)\(protocolIsDraft ? ", draft" : ""))"
    }
}
