import Foundation
import ProofmintCore

/// The genesis file a load run starts from, and the same file with the senders funded.
struct LoadGenesis {
    let chainId: String
    let minFee: Amount
    /// The cap on a block's transactions: with the block time, interval mode's ceiling.
    let maxBlockTransactions: UInt64
    private let json: [String: Any]

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(description: "cannot read the genesis file \(path) (run from the repository root, or pass --genesis)")
        }
        let genesis: Genesis
        do { genesis = try Genesis.parse(json: Bytes(data)) } catch { throw Invalid(description: "\(path): \(error)") }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Invalid(description: "\(path) is not a JSON object")
        }
        chainId = genesis.chainId
        minFee = genesis.parameters.minFee
        maxBlockTransactions = UInt64(genesis.parameters.maxBlockTransactions)
        json = object
    }

    /// The genesis JSON with 1,000 AI for each sender and 1 AI for each of `extra` plain accounts (a large state for
    /// the transfers to land in), as bytes to write.
    func adding(_ senders: [Address], extra: Int) throws -> Data {
        var object = json
        let allocations = (object["allocations"] as? [[String: Any]]) ?? []
        let funded: [[String: Any]] = senders.enumerated().map { index, address in
            ["name": "load\(index)", "address": address.text, "amount": "1000AI"]
        }
        let plain: [[String: Any]] = (0..<extra).map { ["address": Self.plainAccount($0).text, "amount": "1AI"] }
        object["allocations"] = allocations + funded + plain
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The `index`-th plain account: an address no key is known for, as most of a real state is.
    static func plainAccount(_ index: Int) -> Address {
        (try? Address(bytes: Array(Blake2b.hash256(Array("loadtest/account/\(index)".utf8)).prefix(20)))) ?? Address(module: "load-\(index)")
    }
}
