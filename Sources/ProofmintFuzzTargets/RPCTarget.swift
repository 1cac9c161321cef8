import ProofmintCore

/// The JSON-RPC handler's request body → response body path (`JSONRPCHandler` through `RPCBodyHandler`), over the
/// shared `FuzzNode`: every body gets a JSON response, or none when it holds only notifications.
enum RPCTarget {
    static func check(_ body: Bytes) async throws(FuzzFailure) -> FuzzVerdict {
        let fuzzNode: FuzzNode
        do {
            fuzzNode = try await FuzzNode.shared()
        } catch {
            throw FuzzFailure(.rpc, "cannot set up the node: \(error)")
        }
        guard let response = await fuzzNode.handler.respond(to: body) else { return .accepted }
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(response)
        } catch {
            throw FuzzFailure(.rpc, "the response is not JSON (\(error)): \(String(decoding: response, as: UTF8.self).prefix(200))")
        }
        if case .object = parsed, parsed["error"]?["code"]?.intValue == -32700 { return .refused }
        return .accepted
    }
}
