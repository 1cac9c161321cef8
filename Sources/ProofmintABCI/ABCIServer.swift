import Foundation
import ProofmintABCIProto
import SwiftProtobuf

/// Serves `ABCIApplication` on a listener: a thread per connection (CometBFT opens four: consensus, mempool, query,
/// snapshot), each reading a request frame, answering it and writing the response before reading the next, so every
/// connection's requests are answered in order. A frame that cannot be read or decoded gets a `ResponseException`
/// saying why, and the connection is closed; the process and the other connections carry on.
public final class ABCIServer: @unchecked Sendable {
    let application: ABCIApplication
    let listener: ABCIListener
    private let log: @Sendable (String) -> Void

    public init(application: ABCIApplication, listener: ABCIListener, log: @escaping @Sendable (String) -> Void) {
        self.application = application
        self.listener = listener
        self.log = log
    }

    /// Accepts connections until accepting fails.
    public func run() throws(ABCIError) {
        while true {
            let descriptor = try listener.accept()
            let thread = Thread { [self] in serve(ABCIConnection(descriptor: descriptor)) }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    func serve(_ connection: ABCIConnection) {
        do {
            while let frame = try connection.readFrame() {
                let request: Tendermint_Abci_Request
                do {
                    request = try Tendermint_Abci_Request(serializedBytes: frame)
                } catch {
                    throw ABCIError.undecodableRequest("\(error)")
                }
                let response = application.respond(to: request)
                guard connection.writeFrame(try response.serializedBytes()) else { return }
            }
        } catch {
            log("abci: closing a connection: \(error)")
            var response = Tendermint_Abci_Response()
            response.exception = .with { $0.error = "\(error)" }
            if let bytes: [UInt8] = try? response.serializedBytes() { connection.writeFrame(bytes) }
        }
    }
}
