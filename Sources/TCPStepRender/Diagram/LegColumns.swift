import TCPStepCore

/// How many arrows in flight turn down at each column, in all and per sender: what placing a new
/// arrow or label must keep clear of. Kept up to date as arrows leave and end, so placing one
/// costs the diagram's width, never the number of segments in flight (thousands, when a window
/// of one-byte segments is sent at once).
struct LegColumns: Sendable {
    private var all: [Int]
    private var byHost: [[Int]]

    init(width: Int) {
        all = Array(repeating: 0, count: max(0, width) + 2)
        byHost = [all, all]
    }

    mutating func add(_ x: Int, from host: HostID) { change(x, host, by: 1) }
    mutating func remove(_ x: Int, from host: HostID) { change(x, host, by: -1) }

    private mutating func change(_ x: Int, _ host: HostID, by delta: Int) {
        guard all.indices.contains(x) else { return }
        all[x] += delta
        byHost[host.rawValue][x] += delta
    }

    func isTaken(_ x: Int) -> Bool { all.indices.contains(x) && all[x] > 0 }
    func isTaken(_ x: Int, from host: HostID) -> Bool { all.indices.contains(x) && byHost[host.rawValue][x] > 0 }

    /// The same counts rebuilt from the arrows in flight (after a checkpoint is restored).
    init(width: Int, arrows: some Sequence<DiagramArrow>) {
        self.init(width: width)
        for arrow in arrows { add(arrow.turnX, from: arrow.wire.from) }
    }
}
