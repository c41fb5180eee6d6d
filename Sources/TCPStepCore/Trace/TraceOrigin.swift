/// Where a trace comes from, as the headers say it. A simulation names the profile it ran by; a
/// recorded trace knows no profile; a capture names the rules its states were inferred by, and
/// its hosts are the real ones (their addresses, not the simulator's 10.0.0.x).
public struct TraceOrigin: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The simulator wrote it, by `profile`'s rules.
        case simulation
        /// A JSON-lines trace read back: what wrote it is not known.
        case recording
        /// A capture file, its states inferred by `profile`'s rules.
        case capture
        /// `tcpstep live`: a capture still growing.
        case liveCapture
    }

    public var kind: Kind
    /// The rules simulated, or the rules a capture's states were inferred by; nil for a recording.
    public var profile: ProfileName?
    /// Each host's address as written before ":port" ("10.0.0.1", "[::1]"), client first.
    public var addresses: [String]

    public init(kind: Kind, profile: ProfileName?, addresses: [String] = HostID.allCases.map(\.address)) {
        self.kind = kind
        self.profile = profile
        self.addresses = addresses
    }

    public static func simulation(_ profile: ProfileName) -> TraceOrigin { TraceOrigin(kind: .simulation, profile: profile) }

    public static let recording = TraceOrigin(kind: .recording, profile: nil)

    /// A capture's hosts at their real addresses (`client`, `server` as written before ":port").
    public static func capture(inferredBy profile: ProfileName, client: String, server: String, live: Bool = false) -> TraceOrigin {
        TraceOrigin(kind: live ? .liveCapture : .capture, profile: profile, addresses: [client, server])
    }

    public func address(of host: HostID) -> String {
        addresses.indices.contains(host.rawValue) ? addresses[host.rawValue] : host.address
    }

    public var isCapture: Bool { kind == .capture || kind == .liveCapture }
}
