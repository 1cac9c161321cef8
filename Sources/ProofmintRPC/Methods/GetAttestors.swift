import ProofmintCore

/// `pm_getAttestors` result: every key of the attestor registry at `height`, revoked ones included, by public key.
public struct AttestorsResult: RPCObject {
    public var height: UInt64
    public var attestors: [AttestorView]

    public init(height: UInt64, attestors: [AttestorView]) {
        self.height = height
        self.attestors = attestors
    }
}
