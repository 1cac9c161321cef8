import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with a `RequestDeadline` around its decoder: Hummingbird offers an idle
/// timeout and handlers after the decoder, but nothing that sees the first byte of a request, so this wrapper adds
/// the one handler it needs in front and leaves the rest of the pipeline as Hummingbird builds it.
struct DeadlineHTTP1Channel: ServerChildChannel {
    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1Channel.Configuration
    let requestTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let deadline = RequestDeadline(timeout: requestTimeout)
        var configuration = configuration
        let additional = configuration.additionalChannelHandlers
        configuration.additionalChannelHandlers = { [RequestDeadline.end(deadline)] + additional() }
        let inner = HTTP1Channel(responder: responder, configuration: configuration)
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestDeadline.start(deadline), position: .first)
        }.flatMap { inner.setup(channel: channel, logger: logger) }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await HTTP1Channel(responder: responder, configuration: configuration).handle(value: value, logger: logger)
    }
}
