import CSodium

/// BLAKE2b-256, the one hash function of the protocol (transaction ids, block hashes, the state tree).
public enum Blake2b {
    public static let outputLength = 32

    /// BLAKE2b with a 32-byte output of `message`.
    public static func hash256(_ message: Bytes) -> Bytes {
        Sodium.ensureReady()
        var out = Bytes(repeating: 0, count: outputLength)
        _ = message.withUnsafeBufferPointer { input in
            crypto_generichash(&out, outputLength, input.baseAddress, UInt64(input.count), nil, 0)
        }
        return out
    }

    /// BLAKE2b-256 of raw memory into raw memory (32 bytes): no allocation, for hot paths such as tree hashing.
    public static func hash256(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        Sodium.ensureReady()
        guard output.count >= outputLength, let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            preconditionFailure("BLAKE2b-256 output buffer must hold 32 bytes")
        }
        crypto_generichash(
            out, outputLength,
            input.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(input.count), nil, 0)
    }

    /// BLAKE2b-256 over the concatenation of `parts`, without building the concatenation.
    public static func hash256(parts: [Bytes]) -> Bytes {
        let hasher = Hasher256()
        for part in parts { hasher.update(part) }
        return hasher.finalize()
    }

    /// Streaming BLAKE2b-256, for files and long inputs hashed in pieces.
    /// libsodium's state is 64-byte aligned, so it lives in its own allocation.
    public final class Hasher256 {
        private let state: UnsafeMutableRawPointer

        public init() {
            Sodium.ensureReady()
            state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
            crypto_generichash_init(OpaquePointer(state), nil, 0, Blake2b.outputLength)
        }

        deinit { state.deallocate() }

        public func update(_ bytes: Bytes) {
            _ = bytes.withUnsafeBufferPointer { input in
                crypto_generichash_update(OpaquePointer(state), input.baseAddress, UInt64(input.count))
            }
        }

        public func update(_ bytes: UnsafeRawBufferPointer) {
            crypto_generichash_update(
                OpaquePointer(state), bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
        }

        public func finalize() -> Bytes {
            var out = Bytes(repeating: 0, count: Blake2b.outputLength)
            crypto_generichash_final(OpaquePointer(state), &out, Blake2b.outputLength)
            return out
        }
    }
}
