/// Ephemeral ports of one host (Linux default range 32768–60999). A port is busy from connect()
/// until its connection is deleted, TIME_WAIT included: that is how TIME_WAIT exhausts ports.
/// Free ports are handed out least-recently-freed first, in O(1).
struct PortAllocator: Hashable, Sendable {
    private(set) var range: ClosedRange<UInt16>
    /// Ports in the order they became free; a port reserved by hand stays in it and is skipped.
    private var freeQueue: FIFOQueue<UInt16>
    private var busy: [Bool]

    init(range: ClosedRange<UInt16>) {
        self.range = range
        freeQueue = FIFOQueue(range)
        busy = Array(repeating: false, count: range.count)
    }

    private(set) var busyCount = 0
    var freeCount: Int { range.count - busyCount }

    mutating func allocate() -> UInt16? {
        while let port = freeQueue.removeFirst() {
            if !busy[Int(port - range.lowerBound)] {
                busy[Int(port - range.lowerBound)] = true
                busyCount += 1
                return port
            }
        }
        return nil
    }

    /// Marks a port chosen by the caller (`connect … from P`) as busy, if it is ephemeral.
    mutating func reserve(_ port: UInt16) {
        guard range.contains(port), !busy[Int(port - range.lowerBound)] else { return }
        busy[Int(port - range.lowerBound)] = true
        busyCount += 1
    }

    mutating func release(_ port: UInt16) {
        guard range.contains(port), busy[Int(port - range.lowerBound)] else { return }
        busy[Int(port - range.lowerBound)] = false
        busyCount -= 1
        freeQueue.append(port)
    }

    func isBusy(_ port: UInt16) -> Bool {
        range.contains(port) && busy[Int(port - range.lowerBound)]
    }
}
