// swift-tools-version:6.2
// Proofmint: a node and a wallet for a Proof-of-Compute token chain.
//
// Dependency direction (each layer only imports the ones below it):
//   CSodium, CLMDB  →  ProofmintCrypto  →  ProofmintCore  →  ProofmintStorage  →  ProofmintNode  →  proofmintd
//   (CLMDB and CXXHash, the record checksums' hash, sit under ProofmintStorage only.)
//                                                        ↘  ProofmintRPC  ↗ (node)  ↘  ProofmintWallet  →  proofmint
//                                                        ↘  ProofmintSimulation  →  proofmintd (simulate)
//   ProofmintAudit (over storage) is under ProofmintNode too: a follower explains a refused block as `replay` does.
//   ProofmintFuzzTargets sits on top beside the executables (node, wallet, audit): only Fuzz/ and its tests use it.
//   ProofmintBenchSupport (over the core) serves the measuring executables, proofmint-bench and proofmint-loadtest.
//   ProofmintABCIProto (generated CometBFT types, over SwiftProtobuf only)  →  ProofmintABCI (over storage and the core)
//     →  proofmintd (abci): CometBFT's ABCI 2.0 socket server (docs/DEPLOYMENT.md).
import PackageDescription

/// The state transition's and the store's release builds leave out Swift's run-time exclusivity checks (the
/// compile-time ones stay, and debug builds, which `make test` runs, keep both): they were about a twentieth of a
/// replay's executing thread (docs/PERFORMANCE.md, fifteenth round).
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Proofmint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "proofmintd", targets: ["proofmintd"]),
        .executable(name: "proofmint", targets: ["proofmint"]),
        .library(name: "ProofmintCore", targets: ["ProofmintCore"]),
        // For the fuzz executables of Fuzz/Package.swift, a separate package built with -sanitize=fuzzer.
        .library(name: "ProofmintFuzzTargets", targets: ["ProofmintFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        // Already under Hummingbird; named here for the load generator's HTTP client (NIOHTTP1).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // C shims over the Debian -dev packages; nothing vendored.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        // xxHash's XXH3, for the stored records' checksums (storage only).
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),

        // Typed wrappers over libsodium: Ed25519, BLAKE2b, Argon2id, secretbox, SHA-2/HMAC.
        .target(name: "ProofmintCrypto", dependencies: ["CSodium"]),

        // The pure core: amounts, addresses, codec, transactions, blocks, state tree, state transition.
        // No I/O, no clock, no randomness.
        .target(name: "ProofmintCore", dependencies: ["ProofmintCrypto"], swiftSettings: hotPath),

        // The JSON-RPC contract, shared by the node and the wallet: method names, typed params and results with
        // their one JSON encoding, error codes. Over the core only.
        .target(name: "ProofmintRPC", dependencies: ["ProofmintCore"]),

        // LMDB environment, tables, the state store and the block store.
        .target(name: "ProofmintStorage", dependencies: ["ProofmintCore", "CLMDB", "CXXHash"], swiftSettings: hotPath),

        // Mempool, block producer, JSON-RPC server, metrics, the follower (which logs a refused peer block with the
        // audit tools' replay report, so ProofmintAudit sits under it).
        .target(
            name: "ProofmintNode",
            dependencies: [
                "ProofmintStorage", "ProofmintCore", "ProofmintRPC", "ProofmintAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // Keystore, mnemonics, transaction building, the node's RPC client. Never imports storage or node.
        .target(name: "ProofmintWallet", dependencies: ["ProofmintCore", "ProofmintCrypto", "ProofmintRPC"]),

        // Replay and audit: chain files (export/import), re-execution from genesis, reports. Over storage and the core.
        .target(name: "ProofmintAudit", dependencies: ["ProofmintStorage", "ProofmintCore"]),

        // Economic simulation: runs the real state transition over synthetic providers and consumers.
        .target(name: "ProofmintSimulation", dependencies: ["ProofmintCore"]),

        // CometBFT v0.38's ABCI types, generated from proto/ by scripts/generate_abci_proto.sh and committed.
        .target(name: "ProofmintABCIProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]),

        // The ABCI 2.0 socket server: CometBFT drives the state transition (`proofmintd abci`). Over storage and the core.
        .target(name: "ProofmintABCI", dependencies: ["ProofmintABCIProto", "ProofmintStorage", "ProofmintCore"]),

        // Thin executables.
        .executableTarget(
            name: "proofmintd",
            dependencies: [
                "ProofmintNode", "ProofmintStorage", "ProofmintCore", "ProofmintRPC", "ProofmintSimulation", "ProofmintAudit",
                "ProofmintABCI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "proofmint",
            dependencies: ["ProofmintWallet", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // What the benchmark and the load generator share: libsodium's verify rate (their yardstick) and memory readings.
        .target(name: "ProofmintBenchSupport", dependencies: ["ProofmintCore"]),
        .executableTarget(
            name: "proofmint-bench", dependencies: ["ProofmintStorage", "ProofmintCore", "ProofmintAudit", "ProofmintBenchSupport"]),
        // `make loadtest`: signed transfers over JSON-RPC into a real proofmintd on loopback (issue 14, point 3).
        .executableTarget(
            name: "proofmint-loadtest",
            dependencies: [
                "ProofmintWallet", "ProofmintCore", "ProofmintBenchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // The fuzz targets: one entry per decoder of untrusted bytes and the JSON-RPC handler (docs/RELIABILITY.md,
        // "Fuzzing"). Used by Fuzz/'s executables and, for the seeds and regressions, by plain `swift test`.
        .target(
            name: "ProofmintFuzzTargets",
            dependencies: [
                "ProofmintNode", "ProofmintAudit", "ProofmintWallet", "ProofmintStorage", "ProofmintRPC", "ProofmintCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Used only by tests: in-memory state store, deterministic fixtures.
        .target(name: "ProofmintTestSupport", dependencies: ["ProofmintCore", "ProofmintRPC"], path: "Tests/Support"),

        .testTarget(name: "ProofmintCryptoTests", dependencies: ["ProofmintCrypto"]),
        .testTarget(name: "ProofmintCoreTests", dependencies: ["ProofmintCore", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintStorageTests", dependencies: ["ProofmintStorage", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintNodeTests", dependencies: ["ProofmintNode", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintWalletTests", dependencies: ["ProofmintWallet", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintAuditTests", dependencies: ["ProofmintAudit", "ProofmintStorage", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintRPCTests", dependencies: ["ProofmintRPC", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintFuzzTargetsTests", dependencies: [
            "ProofmintFuzzTargets", "ProofmintAudit", "ProofmintRPC", "ProofmintWallet", "ProofmintTestSupport",
        ]),
        .testTarget(name: "ProofmintSimulationTests", dependencies: ["ProofmintSimulation", "ProofmintTestSupport"]),
        .testTarget(name: "ProofmintABCITests", dependencies: [
            "ProofmintABCI", .product(name: "SwiftProtobuf", package: "swift-protobuf"), "ProofmintStorage", "ProofmintTestSupport",
        ]),
        // Real processes over real HTTP: runs the debug binaries that `swift build` made.
        .testTarget(
            name: "ProofmintEndToEndTests",
            // ProofmintStorage only for its test hooks: damaging a stopped node's records as a failing disk would.
            dependencies: [
                "ProofmintCore", "ProofmintRPC", "ProofmintStorage", "ProofmintWallet", "ProofmintTestSupport", "ProofmintABCIProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
    ]
)
