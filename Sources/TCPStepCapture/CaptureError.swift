/// What can go wrong reading a capture or opening an interface, each with the sentence the user
/// sees (`tcpstep: …`) and a non-zero exit.
public enum CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libpcap refused the file: not a capture, truncated header, impossible snaplen …
    case unreadable(path: String, reason: String)
    /// libpcap stopped part-way through the file (a record cut short).
    case damaged(path: String, packetsRead: Int, reason: String)
    /// A link layer tcpstep cannot decode.
    case unsupportedLinkType(path: String, dlt: Int32, name: String)
    /// `--conn` names no connection of the file.
    case noSuchConnection(path: String, selector: String, count: Int)
    /// The file holds no TCP connection at all.
    case noConnections(path: String)
    /// `live`: the interface or filter was refused, or capturing needs rights we lack.
    case live(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "tcpstep: cannot read '\(path)' as a capture: \(reason)"
        case .damaged(let path, let count, let reason):
            "tcpstep: '\(path)' is damaged after \(count) packets: \(reason)"
        case .unsupportedLinkType(let path, let dlt, let name):
            "tcpstep: '\(path)' uses link type \(name) (DLT \(dlt)), which tcpstep cannot decode; "
                + "it reads Ethernet, Linux cooked (v1, v2), raw IP and BSD loopback"
        case .noSuchConnection(let path, let selector, let count):
            "tcpstep: '\(path)' has no connection '\(selector)' (it has \(count); see `tcpstep connections \(path)`)"
        case .noConnections(let path):
            "tcpstep: '\(path)' holds no TCP connection"
        case .live(let message):
            "tcpstep live: \(message)"
        }
    }
}
