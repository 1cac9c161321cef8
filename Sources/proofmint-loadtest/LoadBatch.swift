import NIOCore
import ProofmintCore

/// One HTTP request's worth of transfers: a JSON-RPC batch of `pm_sendTransaction`, encoded once, before the run.
struct LoadBatch: Sendable {
    let ids: [Hash32]
    let body: ByteBuffer

    init(_ transactions: ArraySlice<SignedTransaction>) {
        ids = transactions.map(\.id)
        let calls = transactions.enumerated().map { index, transaction in
            #"{"jsonrpc":"2.0","id":\#(index),"method":"pm_sendTransaction","params":{"tx":"\#(transaction.encoded.hex)"}}"#
        }
        body = ByteBuffer(string: "[" + calls.joined(separator: ",") + "]")
    }
}
