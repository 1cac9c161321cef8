import NIOCore
import NIOHTTPTypes

/// The total time a request may take to arrive, head and body (issue 13, D4). The idle timeout only closes a
/// connection that sends nothing; one byte every few seconds keeps it alive for ever. This deadline starts at the
/// first byte of a request and stops when its end has been read, so it never cuts a request being answered or a
/// keep-alive connection waiting between requests (the idle timeout covers those).
///
/// Two handlers share it: `start`, first in the pipeline, sees raw bytes and arms it; `end`, after the HTTP
/// decoder, sees the request's end and disarms it. Both run on the channel's event loop, which is what makes the
/// unsynchronised state safe.
final class RequestDeadline: @unchecked Sendable {
    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var awaitingEnd = false

    init(timeout: TimeAmount) { self.timeout = timeout }

    /// Bytes arrived: a new request has begun unless one is already being read.
    fileprivate func bytesArrived(context: ChannelHandlerContext) {
        guard !awaitingEnd else { return }
        awaitingEnd = true
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    /// The request's end was read: the deadline no longer applies.
    fileprivate func requestEnded() {
        awaitingEnd = false
        timer?.cancel()
        timer = nil
    }

    /// The handler that sees raw bytes, first in the pipeline: any byte may begin a request.
    static func start(_ deadline: RequestDeadline) -> Watcher<ByteBuffer> {
        Watcher(deadline) { deadline, context, _ in deadline.bytesArrived(context: context) }
    }

    /// The handler after the HTTP decoder: the request's end part stops the clock.
    static func end(_ deadline: RequestDeadline) -> Watcher<HTTPRequestPart> {
        Watcher(deadline) { deadline, _, part in
            if case .end = part { deadline.requestEnded() }
        }
    }

    /// Passes every inbound `Part` on after showing it to the deadline; a closed channel stops the clock.
    final class Watcher<Part>: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Part
        typealias InboundOut = Part
        private let deadline: RequestDeadline
        private let seen: (RequestDeadline, ChannelHandlerContext, Part) -> Void

        init(_ deadline: RequestDeadline, seen: @escaping (RequestDeadline, ChannelHandlerContext, Part) -> Void) {
            self.deadline = deadline
            self.seen = seen
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            seen(deadline, context, unwrapInboundIn(data))
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            deadline.requestEnded()
            context.fireChannelInactive()
        }
    }
}
