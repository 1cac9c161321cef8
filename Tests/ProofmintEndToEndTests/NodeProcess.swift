import Foundation
import XCTest

/// A `proofmintd start` child process on a free loopback port, and a JSON-RPC client for it.
final class NodeProcess {
    let home: String
    private(set) var process: Process?
    private(set) var url = ""
    private let logPath: String

    init(home: String) {
        self.home = home
        self.logPath = home + "/node.log"
    }

    /// Starts the node and waits until its RPC answers; `devControl` serves `pm_mine`, which the tests use to move
    /// the chain on (as `make devnet` does).
    func start(_ extraArguments: [String] = ["--mining", "instant"], devControl: Bool = true) throws {
        let addressFile = home + "/rpc.address"
        try? FileManager.default.removeItem(atPath: addressFile)
        let process = try Command.launch(
            ["start", "--home", home, "--rpc-port", "0", "--log-level", "debug"] + (devControl ? ["--dev-control"] : []) + extraArguments,
            logPath: logPath)
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: addressFile), !data.isEmpty {
                url = String(decoding: data, as: UTF8.self)
                if (try? call("pm_status")) != nil { return }
            }
            guard process.isRunning else { throw CommandFailure("proofmintd exited during start:\n\(self.log)") }
            usleep(50_000)
        }
        throw CommandFailure("proofmintd did not start within 30s:\n\(self.log)")
    }

    /// The RPC port the node bound (from `url`).
    var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGKILL: no chance to clean up, as in a crash or power cut of the process.
    func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// SIGTERM and wait: the graceful stop.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    deinit { kill() }

    /// A JSON-RPC call; returns `result` or throws with the error object.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:]) throws -> Any {
        let response = try post(JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "id": 1, "method": method, "params": params]))
        guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw CommandFailure("not a JSON object: \(String(decoding: response.body, as: UTF8.self))")
        }
        if let error = object["error"] as? [String: Any] { throw RPCFailure(object: error) }
        return object["result"] ?? NSNull()
    }

    /// One JSON-RPC batch calling `method` once per params object; the answers in the order of `paramsList`.
    func callBatch(_ method: String, _ paramsList: [[String: Any]]) throws -> [(result: Any?, error: RPCFailure?)] {
        guard !paramsList.isEmpty else { return [] }
        let requests = paramsList.enumerated().map { ["jsonrpc": "2.0", "id": $0.offset, "method": method, "params": $0.element] as [String: Any] }
        let response = try post(JSONSerialization.data(withJSONObject: requests))
        guard let answers = try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]] else {
            throw CommandFailure("not a JSON array: \(String(decoding: response.body, as: UTF8.self))")
        }
        var ordered = [(result: Any?, error: RPCFailure?)](repeating: (nil, nil), count: paramsList.count)
        for answer in answers {
            guard let id = answer["id"] as? Int, ordered.indices.contains(id) else { continue }
            ordered[id] = (answer["result"], (answer["error"] as? [String: Any]).map(RPCFailure.init))
        }
        return ordered
    }

    func callObject(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        guard let object = try call(method, params) as? [String: Any] else { throw CommandFailure("\(method) did not return an object") }
        return object
    }

    /// A raw POST of `body` to the RPC endpoint.
    func post(_ body: Data) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.timeoutInterval = 30
        let box = ResponseBox()
        let semaphore = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.data = data
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.error = error
            semaphore.signal()
        }.resume()
        semaphore.wait()
        if let error = box.error { throw CommandFailure("POST \(url): \(error)") }
        return (box.status, box.data ?? Data())
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

private final class ResponseBox: @unchecked Sendable {
    var data: Data?
    var status = 0
    var error: (any Error)?
}

/// A JSON-RPC error object returned by the node.
struct RPCFailure: Error, CustomStringConvertible {
    let object: [String: Any]
    var code: Int { object["code"] as? Int ?? 0 }
    var message: String { object["message"] as? String ?? "" }
    var description: String { "RPC error \(code): \(message)" }
}
