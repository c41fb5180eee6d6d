/// Ephemeral ports of one host (Linux default range 32768–60999). A port is busy from connect()
/// until its connection is deleted, TIME_WAIT included: that is how TIME_WAIT exhausts ports.
/// Free ports are handed out least-recently-freed first, in O(1): first the range in order (all
/// free since the start), then the released ports in the order they were released.
struct PortAllocator: Hashable, Sendable {
    private(set) var range: ClosedRange<UInt16>
    /// The next port of the range not yet handed out. The range is walked here rather than
    /// queued up front: copying 28,232 ports per host was 2.6 % of a one-connection export.
    private var nextUnused: UInt32
    /// Released ports, in the order they were released; a port reserved by hand meanwhile stays
    /// in it and is skipped.
    private var released = FIFOQueue<UInt16>()
    private var busy: [Bool]

    init(range: ClosedRange<UInt16>) {
        self.range = range
        nextUnused = UInt32(range.lowerBound)
        busy = Array(repeating: false, count: range.count)
    }

    private(set) var busyCount = 0
    var freeCount: Int { range.count - busyCount }

    mutating func allocate() -> UInt16? {
        while nextUnused <= UInt32(range.upperBound) {
            let port = UInt16(nextUnused)
            nextUnused += 1
            if take(port) { return port }
        }
        while let port = released.removeFirst() {
            if take(port) { return port }
        }
        return nil
    }

    /// Marks `port` busy unless it already is (reserved by hand since it became free).
    private mutating func take(_ port: UInt16) -> Bool {
        guard !busy[Int(port - range.lowerBound)] else { return false }
        busy[Int(port - range.lowerBound)] = true
        busyCount += 1
        return true
    }

    /// Marks a port chosen by the caller (`connect … from P`) as busy, if it is ephemeral.
    mutating func reserve(_ port: UInt16) {
        guard range.contains(port) else { return }
        _ = take(port)
    }

    mutating func release(_ port: UInt16) {
        guard range.contains(port), busy[Int(port - range.lowerBound)] else { return }
        busy[Int(port - range.lowerBound)] = false
        busyCount -= 1
        released.append(port)
    }

    func isBusy(_ port: UInt16) -> Bool {
        range.contains(port) && busy[Int(port - range.lowerBound)]
    }
}
