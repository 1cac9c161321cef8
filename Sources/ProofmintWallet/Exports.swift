// The wallet's public API speaks in addresses, amounts and signed transactions, so its users get the core with it.
@_exported import ProofmintCore
@_exported import ProofmintRPC
