import Foundation
import XCTest

/// Where the binaries under test and the repository are. `make test` sets PROOFMINT_BIN_DIR to the debug
/// build it just made; without it the default debug build folder is used.
enum Paths {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["PROOFMINT_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }

    static func binary(_ name: String) throws -> URL {
        let url = binDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("\(url.path) is missing: run `swift build` (or `make test`) first")
        }
        return url
    }

    static var devnetGenesis: String { repositoryRoot.appendingPathComponent("genesis/devnet.json").path }

    static func temporaryDirectory(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "proofmint-e2e-\(label)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// The result of a finished command.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// stdout parsed as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw CommandFailure("stdout is not a JSON object: \(stdout)")
        }
        return object
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the real executables as child processes.
enum Command {
    /// Runs `binary` to completion (at most `timeout` seconds) and captures its output.
    static func run(
        _ binary: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = try Paths.binary(binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read while it runs so a full pipe never blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw CommandFailure("\(binary) \(arguments.joined(separator: " ")) did not finish within \(timeout)s")
        }
        group.wait()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `proofmintd` with `arguments`, its stdout and stderr appended to `logPath`, without waiting for it: the
    /// long-running commands (`start`, `abci`), which each caller then waits on in its own way.
    static func launch(_ arguments: [String], logPath: String) throws -> Process {
        let process = Process()
        process.executableURL = try Paths.binary("proofmintd")
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    /// Runs and requires exit status 0.
    @discardableResult
    static func succeed(_ binary: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let result = try run(binary, arguments, environment: environment)
        guard result.status == 0 else {
            throw CommandFailure("\(binary) \(arguments.joined(separator: " ")) exited \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)")
        }
        return result
    }
}
