import Foundation
import ProofmintCore

/// Reads a chain file frame by frame from disk: constant memory, every frame's checksum checked, every error with
/// its byte offset and the last good height.
public final class ChainFileReader {
    public let path: String
    public private(set) var genesisFile: Bytes = []
    /// The byte offset of the next frame.
    public private(set) var offset = 0
    /// The height of the last block returned.
    public private(set) var lastHeight: UInt64?
    private var lastHash: Hash32?
    private var count: UInt64 = 0
    private var firstHeight: UInt64?
    private let handle: FileHandle

    public init(path: String) throws(ChainFileError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .io("cannot open \(path) for reading") }
        self.handle = handle
        let header = try read(ChainFile.magic.count + 2, frameStart: nil)
        guard header.count == ChainFile.magic.count + 2, Array(header.prefix(ChainFile.magic.count)) == ChainFile.magic else {
            throw .notAChainFile
        }
        let version = UInt16(header[8]) << 8 | UInt16(header[9])
        guard version == ChainFile.version else { throw .unsupportedVersion(version) }
        offset = header.count
        let (kind, payload, at) = try nextFrame()
        guard kind == .genesis else { throw .malformed(offset: at, afterHeight: nil, reason: "the first frame must be the genesis") }
        genesisFile = payload
    }

    deinit { try? handle.close() }

    /// The next block, or nil at the end frame (whose summary is checked against what was read).
    public func nextBlock() throws(ChainFileError) -> Block? {
        let (kind, payload, at) = try nextFrame()
        switch kind {
        case .block:
            let block: Block
            do { block = try Block(canonical: payload) } catch {
                throw .malformed(offset: at, afterHeight: lastHeight, reason: "not a canonical block: \(error)")
            }
            // `lastHeight < .max` first: a crafted file with a block at height 2^64 − 1 and another after it must
            // get this error, not trap on the addition (Tests/Fixtures/fuzz-regressions/chain-file/).
            if let lastHeight, lastHeight == .max || block.height != lastHeight + 1 {
                throw .malformed(offset: at, afterHeight: lastHeight, reason: "block \(block.height) does not follow block \(lastHeight)")
            }
            if firstHeight == nil { firstHeight = block.height }
            lastHeight = block.height
            lastHash = block.hash
            count += 1
            return block
        case .end:
            let end: ChainFile.End
            do { end = try ChainFile.decodeEnd(payload) } catch { throw .malformed(offset: at, afterHeight: lastHeight, reason: "end frame: \(error)") }
            let expected = ChainFile.End(count: count, firstHeight: firstHeight ?? 0, lastHeight: lastHeight ?? 0, lastHash: lastHash ?? .zero)
            guard end == expected else {
                throw .malformed(offset: at, afterHeight: lastHeight, reason: "the end frame says \(end.count) blocks up to \(end.lastHeight), the file holds \(count) up to \(lastHeight ?? 0)")
            }
            return nil
        case .genesis:
            throw .malformed(offset: at, afterHeight: lastHeight, reason: "a second genesis frame")
        }
    }

    private func nextFrame() throws(ChainFileError) -> (ChainFile.Kind, Bytes, Int) {
        let at = offset
        let head = try read(5, frameStart: at)
        let length = Int(UInt32(head[1]) << 24 | UInt32(head[2]) << 16 | UInt32(head[3]) << 8 | UInt32(head[4]))
        guard let kind = ChainFile.Kind(rawValue: head[0]) else {
            throw .malformed(offset: at, afterHeight: lastHeight, reason: "unknown frame kind \(head[0])")
        }
        guard length <= ChainFile.maxPayload else {
            throw .malformed(offset: at, afterHeight: lastHeight, reason: "a frame of \(length) bytes is larger than any block")
        }
        let payload = try read(length, frameStart: at)
        let checksum = try read(ChainFile.checksumLength, frameStart: at)
        guard Array(Blake2b.hash256(head + payload).prefix(ChainFile.checksumLength)) == checksum else {
            throw .checksumMismatch(offset: at, afterHeight: lastHeight)
        }
        offset = at + 5 + length + ChainFile.checksumLength
        return (kind, payload, at)
    }

    /// Reads `count` bytes; a short read inside a frame means the file was cut short in the frame at `frameStart`.
    private func read(_ count: Int, frameStart: Int?) throws(ChainFileError) -> Bytes {
        guard count > 0 else { return [] }
        let data: Data
        do { data = try handle.read(upToCount: count) ?? Data() } catch { throw .io("reading \(path): \(error.localizedDescription)") }
        if data.count < count, let frameStart { throw .truncated(offset: frameStart, afterHeight: lastHeight) }
        return Bytes(data)
    }
}
