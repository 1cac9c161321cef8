import ArgumentParser
import Foundation
import ProofmintWallet

/// `dev mine N`: produce N blocks now, in requests sized to take about two seconds each, with progress on stderr.
struct DevMineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mine",
        abstract: "Produce blocks now (every end-of-block step runs): 259200 blocks is a 3-day governance vote.",
        discussion: """
            Blocks that include pending transactions come first; the rest are empty and take the node's fast path.
            Example: proofmint dev mine 259200 --interval-ms 1000   (3 days of 1-second blocks)
            """)

    @Argument(help: "How many blocks (1 by default).")
    var blocks: UInt64 = 1

    @Option(name: .customLong("interval-ms"), help: ArgumentHelp(
        "Stamp each block this many milliseconds after its parent (or at the node's clock if later); devnet only.", valueName: "MS"))
    var intervalMs: UInt64?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard blocks >= 1 else { throw ValidationError("mine at least 1 block") }
    }

    func run() async throws {
        // A request may take several seconds on a slow machine: allow it a minute.
        let client = try WalletEnvironment().nodeClient(flag: nodeOptions.url, requestTimeout: 60)
        let started = Date()
        var done: UInt64 = 0, chunk: UInt64 = 1_000, cap: UInt64 = 100_000
        var last: MineResult?
        while done < blocks {
            let size = min(chunk, blocks - done)
            guard let result = try await Self.mine(size, intervalMs: intervalMs, client: client) else {
                // A chain that is not a devnet mines at most 1,000 blocks a request: stay under that.
                cap = 1_000
                chunk = cap
                continue
            }
            done += result.blocks
            last = result
            chunk = min(Self.nextChunk(after: result), cap)
            if blocks > size && !output.json {
                output.console.note("mined \(done) of \(blocks) blocks (head \(result.lastHeight))")
            }
            guard result.blocks > 0 else { break }
        }
        guard let last else { return }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / seconds
        output.console.result(
            .object([
                ("first_height", .uint(last.lastHeight + 1 - done)), ("last_height", .uint(last.lastHeight)), ("blocks", .uint(done)), ("head_hash", .string(last.headHash.hex)),
                ("timestamp", .uint(last.timestamp)), ("seconds", .string(String(format: "%.3f", seconds))),
                ("blocks_per_second", .uint(UInt64(rate))),
            ]),
            text: "Mined \(done) block\(done == 1 ? "" : "s") (\(last.lastHeight + 1 - done)…\(last.lastHeight)) in \(String(format: "%.2f", seconds)) s, "
                + "\(UInt64(rate)) blocks/s\nhead \(last.headHash.hex) at \(Formatting.timestamp(milliseconds: last.timestamp))")
    }

    /// One `pm_mine` request; nil when a request above 1,000 blocks is refused as too large (not a devnet).
    static func mine(_ size: UInt64, intervalMs: UInt64?, client: NodeClient) async throws -> MineResult? {
        do {
            return try await client.call(Calls.Mine.self, MineParams(blocks: size, intervalMs: intervalMs))
        } catch {
            guard size > 1_000, error.remoteError?.code == RPCErrorCode.invalidParams.rawValue else { throw error }
            return nil
        }
    }

    /// The next request's size: aimed at about two seconds of the node's time, at most the node's per-request cap.
    static func nextChunk(after result: MineResult) -> UInt64 {
        let perBlockMs = max(Double(result.elapsedMs) / Double(max(result.blocks, 1)), 0.01)
        return UInt64(min(max(2_000 / perBlockMs, 100), 100_000))
    }
}
