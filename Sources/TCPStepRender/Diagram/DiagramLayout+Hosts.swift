import TCPStepCore

extension DiagramLayout {
    /// The port each host first used ("10.0.0.1:5000"), from its first state change or segment
    /// in the events laid out; nil before it did anything.
    public func firstPort(of host: HostID) -> UInt16? {
        hostPorts[host.rawValue]
    }
}

extension DiagramPainter {
    /// "CLIENT 10.0.0.1:5000" ending over the client's lifeline and "SERVER 10.0.0.2:80" starting
    /// over the server's, on row `y` of `grid` (for exports, where no screen header names them).
    public static func paintHostNames(_ layout: DiagramLayout, into grid: inout CellGrid, x: Int, y: Int, theme: Theme,
                                      text words: UIText = .english, origin: TraceOrigin? = nil) {
        let columns = layout.columns
        for host in HostID.allCases {
            let port = layout.firstPort(of: host).map { ":\($0)" } ?? ""
            let text = "\(words.host(host)) \(origin?.address(of: host) ?? host.address)\(port)"
            let width = TextWidth.columns(text)
            let textX = host == .client ? max(0, columns.clientX + 1 - width) : min(columns.serverX, columns.endX - width)
            grid.put(text, x: x + textX, y: y, style: theme.hostLabel)
        }
    }
}
