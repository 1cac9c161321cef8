import ProofmintCore

/// The property every canonical decoder must have: what it accepts is exactly what the encoder writes, so
/// encode(decode(b)) == b and decode(encode(x)) == x. A decoder that accepted two spellings of one value would let
/// two byte strings (two hashes) stand for the same transaction or block.
public enum CanonicalRoundTrip {
    /// The decoded value, nil if the decoder refused `bytes`; throws if the round trip is not exact.
    public static func check<T: CanonicalCodable & Equatable>(
        _ type: T.Type, _ bytes: Bytes, target: FuzzTarget
    ) throws(FuzzFailure) -> T? {
        guard let value = try? T(canonical: bytes) else { return nil }
        let encoded = value.canonicalBytes
        guard encoded == bytes else {
            throw FuzzFailure(target, "\(T.self) decoded from \(bytes.count) bytes re-encodes to \(encoded.count) other bytes: the decoder accepts a non-canonical encoding")
        }
        guard let again = try? T(canonical: encoded), again == value else {
            throw FuzzFailure(target, "\(T.self) does not decode back to itself from its own encoding")
        }
        return value
    }
}
