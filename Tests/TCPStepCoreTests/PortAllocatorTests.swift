import Testing
@testable import TCPStepCore

/// The ephemeral port allocator against the plainest model of its rule (every port of the range
/// queued free at the start, released ports queued behind them, busy ones skipped), over long
/// random runs of allocate / reserve-by-hand / release.
@Suite struct PortAllocatorTests {
    /// The rule, written the slow obvious way.
    struct Model {
        let range: ClosedRange<UInt16>
        var queue: [UInt16]
        var busy: Set<UInt16> = []
        init(range: ClosedRange<UInt16>) { self.range = range; queue = Array(range) }
        mutating func allocate() -> UInt16? {
            while !queue.isEmpty {
                let port = queue.removeFirst()
                if !busy.contains(port) { busy.insert(port); return port }
            }
            return nil
        }
        mutating func reserve(_ port: UInt16) { if range.contains(port) { busy.insert(port) } }
        mutating func release(_ port: UInt16) {
            if range.contains(port), busy.remove(port) != nil { queue.append(port) }
        }
    }

    @Test func firstPortsComeInRangeOrder() {
        var ports = PortAllocator(range: 32768...60999)
        #expect(ports.freeCount == 28_232)
        #expect(ports.allocate() == 32768)
        #expect(ports.allocate() == 32769)
        ports.reserve(32770)  // `connect … from 32770`
        #expect(ports.allocate() == 32771)
        ports.release(32768)
        #expect(ports.isBusy(32770) && !ports.isBusy(32768))
        #expect(ports.freeCount == 28_232 - 3)
    }

    @Test func runsOutThenReusesTheLeastRecentlyReleased() {
        var ports = PortAllocator(range: 40000...40002)
        #expect([ports.allocate(), ports.allocate(), ports.allocate(), ports.allocate()] == [40000, 40001, 40002, nil])
        ports.release(40001)
        ports.release(40000)
        #expect(ports.allocate() == 40001)
        #expect(ports.allocate() == 40000)
        #expect(ports.allocate() == nil)
        #expect(ports.freeCount == 0)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func agreesWithTheModel(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let low = UInt16.random(in: 1000...2000, using: &random)
        let range = low...(low + UInt16.random(in: 0...60, using: &random))
        var ports = PortAllocator(range: range)
        var model = Model(range: range)
        for _ in 0 ..< 5_000 {
            // Ports a little outside the range too: reserving or releasing them changes nothing.
            let port = UInt16.random(in: (range.lowerBound - 3)...(range.upperBound + 3), using: &random)
            switch random.next() % 4 {
            case 0, 1: #expect(ports.allocate() == model.allocate())
            case 2: ports.reserve(port); model.reserve(port)
            default: ports.release(port); model.release(port)
            }
            #expect(ports.isBusy(port) == model.busy.contains(port))
            #expect(ports.freeCount == range.count - model.busy.count)
        }
    }
}
