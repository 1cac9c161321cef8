import ProofmintCore

/// The tests' name for the core's in-memory store (ProofmintCore/State/MemoryStateStore.swift).
public typealias InMemoryStateStore = MemoryStateStore
