import CSodium

/// libsodium must be initialised once before any call; every wrapper goes through `Sodium.ready`.
enum Sodium {
    /// Initialises libsodium the first time it is read. `sodium_init` is thread safe and idempotent.
    static let ready: Bool = sodium_init() >= 0

    static func ensureReady() {
        precondition(ready, "libsodium failed to initialise (sodium_init < 0): the process cannot do cryptography")
    }
}
