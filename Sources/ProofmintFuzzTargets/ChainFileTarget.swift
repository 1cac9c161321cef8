import Foundation
import ProofmintAudit
import ProofmintCore

/// `ChainFileReader` (what `proofmintd import`, `replay` and `audit` read) over the input written to a file.
///
/// Every frame carries a BLAKE2b checksum, which a mutation almost never keeps right, so the fuzzer would only ever
/// test the checksum check. The input's first byte therefore picks a mode: even, the rest is the file as it is; odd,
/// the harness first rewrites every frame's checksum to match (`ChainFileFrames.reseal`), so mutations reach the
/// frame kinds, the genesis frame, the block decoder, the height sequence and the end frame's summary.
enum ChainFileTarget {
    /// One file per process, rewritten for each input; in memory (`/dev/shm`) where there is one, since a disk-backed
    /// temporary directory keeps the target waiting on the file system for every input.
    private static let path = directory + "proofmint-fuzz-chain-\(getpid()).pmc"
    private static let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()

    static func check(_ input: Bytes) throws(FuzzFailure) -> FuzzVerdict {
        guard let mode = input.first else { return .refused }
        let body = Array(input.dropFirst())
        let file = mode % 2 == 1 ? ChainFileFrames.reseal(body) : body
        guard FileManager.default.createFile(atPath: path, contents: Data(file)) else {
            throw FuzzFailure(.chainFile, "cannot write the input to \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let reader = try ChainFileReader(path: path)
            // A block is at least a header, so a file of n bytes holds fewer than n blocks: the loop is bounded.
            while try reader.nextBlock() != nil {}
            return .accepted
        } catch {
            return .refused
        }
    }
}
