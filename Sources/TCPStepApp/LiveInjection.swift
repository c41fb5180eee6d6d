import TCPStepCore
import TCPStepRender

/// The old duplicates a lecturer can put on the wire by hand (`o`, then 1–4), to make the
/// arguments for the handshake and TIME_WAIT live: each looks like a segment of an earlier
/// incarnation of the same port pair, numbered from before this connection's ISN.
enum LiveInjection: Int, CaseIterable, Hashable, Sendable {
    /// A SYN of an earlier connection attempt (RFC 9293 Figure 8's seq 90).
    case syn = 1
    /// 100 bytes of an earlier incarnation's stream.
    case data
    /// An earlier incarnation's FIN.
    case fin
    /// A reset numbered from an earlier incarnation.
    case rst

    /// The menu line: "1  an old SYN (an earlier connection attempt)".
    func menuLine(_ text: UIText) -> String {
        let key: UIKey = switch self {
        case .syn: .injectSYN
        case .data: .injectData
        case .fin: .injectFIN
        case .rst: .injectRST
        }
        return "\(rawValue)  " + text(key)
    }

    /// The segment, as sent from `host` on its current connection's ports (or the scenario's
    /// ports before there is one), numbered `staleDistance` before its ISN.
    func segment(from host: HostID, in simulation: Simulation, serverPort: UInt16) -> (Direction, Segment) {
        let connection = simulation.currentConnection(of: host)
        let peerConnection = simulation.currentConnection(of: host.peer)
        let clientPort = (host == .client ? connection : peerConnection)?.ports.local ?? 5000
        let (source, destination) = host == .client ? (clientPort, serverPort) : (serverPort, clientPort)
        // Figure 8's old SYN is 10 before the new one; older stream bytes sit further back.
        let iss = connection?.iss ?? SeqNum(100)
        let irs = connection?.irs ?? peerConnection?.iss ?? SeqNum(300)
        let old = iss - Self.staleDistance, oldAck = irs - Self.staleDistance + 1
        let segment = switch self {
        case .syn: Segment(sourcePort: source, destinationPort: destination, seq: iss - 10, flags: .syn)
        case .data: Segment(sourcePort: source, destinationPort: destination, seq: old + 1, ack: oldAck,
                            flags: [.ack, .psh], payloadLength: 100)
        case .fin: Segment(sourcePort: source, destinationPort: destination, seq: old + 101, ack: oldAck, flags: [.fin, .ack])
        case .rst: Segment(sourcePort: source, destinationPort: destination, seq: old + 101, flags: .rst)
        }
        return (host.outboundDirection, segment)
    }

    /// How far before the ISN an earlier incarnation's numbers lie.
    static let staleDistance = 1_000
}
