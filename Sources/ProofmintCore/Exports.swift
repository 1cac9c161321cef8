// The core's public API speaks in `Bytes` and Ed25519 keys, so its users get the crypto types with it.
@_exported import ProofmintCrypto
