import Foundation
import ProofmintCore
import ProofmintStorage

/// Streams a stored chain into a chain file, block by block, and finishes it with the end frame. Writes to a
/// temporary name and renames at the end, so an interrupted export never leaves a file that looks complete.
public enum ChainFileWriter {
    public static func export(
        from store: ChainStore, to path: String, heights: ClosedRange<UInt64>, progress: (UInt64) -> Void = { _ in }
    ) throws -> ChainFile.End {
        guard let genesis = try store.genesisFile() else { throw ChainFileError.io("the store holds no genesis file") }
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) , let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ChainFileError.io("cannot create \(temporary)")
        }
        var end = ChainFile.End(count: 0, firstHeight: heights.lowerBound, lastHeight: heights.lowerBound, lastHash: .zero)
        do {
            try handle.write(contentsOf: Data(ChainFile.header() + ChainFile.frame(.genesis, genesis)))
            for height in heights {
                guard let block = try store.block(at: height) else { throw ChainFileError.io("the store has no block \(height)") }
                try handle.write(contentsOf: Data(ChainFile.frame(.block, block.encoded)))
                end.count += 1
                end.lastHeight = height
                end.lastHash = block.hash
                progress(height)
            }
            try handle.write(contentsOf: Data(ChainFile.frame(.end, ChainFile.encode(end))))
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return end
    }
}

extension ChainFileWriter {
    /// A chain file for blocks already in memory (fixtures and tests), as bytes.
    public static func encode(genesisFile: Bytes, blocks: [Block]) -> Bytes {
        var bytes = ChainFile.header() + ChainFile.frame(.genesis, genesisFile)
        for block in blocks { bytes += ChainFile.frame(.block, block.encoded) }
        let end = ChainFile.End(
            count: UInt64(blocks.count), firstHeight: blocks.first?.height ?? 0, lastHeight: blocks.last?.height ?? 0,
            lastHash: blocks.last?.hash ?? .zero)
        return bytes + ChainFile.frame(.end, ChainFile.encode(end))
    }
}
