import Foundation
import ProofmintCore

/// The genesis file a load run starts from, and the same file with the senders funded.
struct LoadGenesis {
    let chainId: String
    let minFee: Amount
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
        json = object
    }

    /// The genesis JSON with 1,000 AI for each sender, as bytes to write.
    func adding(_ senders: [Address]) throws -> Data {
        var object = json
        let allocations = (object["allocations"] as? [[String: Any]]) ?? []
        object["allocations"] = allocations + senders.enumerated().map { index, address in
            ["name": "load\(index)", "address": address.text, "amount": "1000AI"]
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
