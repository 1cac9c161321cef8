// swift-tools-version:6.2
// The libFuzzer executables of issue 13, one per target of ProofmintFuzzTargets (in the main package, which holds the
// entry functions; these only hand libFuzzer's bytes to them). A separate package so `-sanitize=fuzzer` never
// reaches the main build. `make fuzz` builds it with
//     swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// and runs each executable over its seed corpus (Corpus/<target>/); see docs/RELIABILITY.md, "Fuzzing".
import Foundation
import PackageDescription

/// SwiftPM names a path dependency by its folder, which is whatever the clone is called.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

/// Executable name → the FuzzTarget it runs.
let executables = ["FuzzTransaction", "FuzzBlock", "FuzzReceipts", "FuzzChainFile", "FuzzGenesis", "FuzzKeystore", "FuzzRPC"]

let package = Package(
    name: "ProofmintFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: mainPackage.path)],
    targets: [
        // Starts libFuzzer from the entry point SwiftPM gives an executable (see FuzzDriver.swift).
        .target(
            name: "FuzzDriver",
            dependencies: [.product(name: "ProofmintFuzzTargets", package: mainPackage.lastPathComponent.lowercased())]),
    ] + executables.map { name in .executableTarget(name: name, dependencies: ["FuzzDriver"]) }
)
