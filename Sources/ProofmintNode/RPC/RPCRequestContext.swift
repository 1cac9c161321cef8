import Hummingbird
import NIOCore

/// Hummingbird's request context plus the peer's address, which the per-client limits key on (Hummingbird's
/// `RemoteAddressRequestContext` shape: the child channel's `remoteAddress`).
struct RPCRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
