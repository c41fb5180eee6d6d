/// The two hosts of every tcpstep world. "client" and "server" name roles in the lecture, not
/// capabilities: either host may listen, connect, or do both (simultaneous open).
public enum HostID: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case client
    case server

    public var name: String {
        switch self {
        case .client: "client"
        case .server: "server"
        }
    }

    public var description: String { name }
    public var peer: HostID { self == .client ? .server : .client }

    /// The direction of a segment this host sends: "c2s" or "s2c".
    public var outboundDirection: Direction { self == .client ? .clientToServer : .serverToClient }

    /// The fixed IPv4 address shown for each host (documentation ranges would be nicer, but 10/8
    /// is what lecture slides use).
    public var address: String { self == .client ? "10.0.0.1" : "10.0.0.2" }
}

/// Which way a segment travels.
public enum Direction: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case clientToServer
    case serverToClient

    public var sender: HostID { self == .clientToServer ? .client : .server }
    public var receiver: HostID { sender.peer }
    public var description: String { self == .clientToServer ? "c2s" : "s2c" }
}

/// A connection's identity on one host: its local and remote ports (the two addresses are implied
/// by the host, since tcpstep has exactly two).
public struct PortPair: Hashable, Sendable, CustomStringConvertible {
    public var local: UInt16
    public var remote: UInt16
    public init(local: UInt16, remote: UInt16) { self.local = local; self.remote = remote }
    public var description: String { "\(local)→\(remote)" }
}
