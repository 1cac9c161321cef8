import ProofmintCore

/// The chain-file framing (docs/PROTOCOL.md, "Chain files"), rewritten independently of `ProofmintAudit` so the
/// harness does not lean on the code it tests: `header ‖ (u8 kind ‖ u32 length ‖ payload ‖ checksum8)*`.
public enum ChainFileFrames {
    public static let headerLength = 10
    public static let checksumLength = 8

    /// `file` with every complete frame's checksum recomputed; a trailing partial frame is left as it is.
    public static func reseal(_ file: Bytes) -> Bytes {
        guard file.count >= headerLength else { return file }
        var out = Array(file.prefix(headerLength))
        var offset = headerLength
        while file.count - offset >= 5 {
            let length = file[(offset + 1)..<(offset + 5)].reduce(0) { $0 << 8 | Int($1) }
            let end = offset + 5 + length
            guard end <= file.count - checksumLength else { break }
            let framed = Array(file[offset..<end])
            out += framed + Blake2b.hash256(framed).prefix(checksumLength)
            offset = end + checksumLength
        }
        return out + file[offset...]
    }

    /// One frame: kind, big-endian length, payload, checksum (what the seed generator writes).
    public static func frame(kind: UInt8, payload: Bytes) -> Bytes {
        let length = UInt32(payload.count)
        let framed = [kind, UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + payload
        return framed + Blake2b.hash256(framed).prefix(checksumLength)
    }
}
