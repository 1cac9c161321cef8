import NIOCore
import NIOHTTPTypes

/// The total time a request may take to arrive, head and body (issue 13, D4). The idle timeout only closes a
/// connection that sends nothing; one byte every few seconds keeps it alive for ever. This deadline starts at the
/// first byte of a request and stops when its end has been read, so it never cuts a request being answered or a
/// keep-alive connection waiting between requests (the idle timeout covers those).
///
/// Two handlers share it: `Start`, first in the pipeline, sees raw bytes and arms it; `End`, after the HTTP
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

    /// The handler that sees raw bytes (`position: .first`).
    final class Start: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        private let deadline: RequestDeadline

        init(_ deadline: RequestDeadline) { self.deadline = deadline }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            deadline.bytesArrived(context: context)
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            deadline.requestEnded()
            context.fireChannelInactive()
        }
    }

    /// The handler that sees decoded request parts (after the HTTP decoder).
    final class End: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        private let deadline: RequestDeadline

        init(_ deadline: RequestDeadline) { self.deadline = deadline }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .end = unwrapInboundIn(data) { deadline.requestEnded() }
            context.fireChannelRead(data)
        }
    }
}
