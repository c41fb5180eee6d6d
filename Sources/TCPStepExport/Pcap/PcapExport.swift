import TCPStepCore

/// The simulated connection as a classic pcap file (microsecond timestamps, Ethernet link type),
/// as tcpdump on one of the two hosts would have written it:
///
/// - its own segments when it sent them, including those the network then lost;
/// - the other host's segments when they were delivered to it (also those its TCP ignored),
///   so a lost segment is not there, a delayed one is late, and a network copy is there twice;
/// - stale segments put on the wire by the scenario (`inject`) when delivered: neither host sent them.
///
/// Timestamps are virtual time from `epochSeconds` (2000-01-01 00:00:00 UTC): time 0 of the
/// scenario is midnight, New Year 2000, so that the numbers read as offsets.
public enum PcapExport {
    public static let epochSeconds: UInt32 = 946_684_800
    static let snapLength: UInt32 = 65_535
    static let linkTypeEthernet: UInt32 = 1

    public static func capture(_ events: ArraySlice<TraceEvent>, at host: HostID, mss: Int = 1460) -> [UInt8] {
        var out = globalHeader()
        var wires: [SegmentID: (wire: WireSegment, ipID: UInt16)] = [:]
        var nextIPID: [UInt16] = [1, 1]
        func remember(_ wire: WireSegment, copyOf original: SegmentID? = nil) {
            if let original, let known = wires[original] {
                wires[wire.id] = (wire, known.ipID)  // a network copy is the same packet
                return
            }
            wires[wire.id] = (wire, nextIPID[wire.from.rawValue])
            nextIPID[wire.from.rawValue] &+= 1
        }
        for event in events {
            switch event.kind {
            case .send(let wire):
                remember(wire)
                if wire.from == host, let known = wires[wire.id] {
                    record(wire.segment, from: wire.from, ipID: known.ipID, at: event.time, mss: mss, into: &out)
                }
            case .inject(let wire):
                remember(wire)
            case .duplicate(let original, let copy, _):
                remember(copy, copyOf: original)
            case .deliver(let id, let to, _, _):
                if to == host, let known = wires[id] {
                    record(known.wire.segment, from: known.wire.from, ipID: known.ipID, at: event.time, mss: mss, into: &out)
                }
            case .drop, .delay, .state, .timer, .app, .signal:
                break
            }
        }
        return out
    }

    static func globalHeader() -> [UInt8] {
        var bytes: [UInt8] = []
        appendLE32(&bytes, 0xA1B2_C3D4)
        appendLE16(&bytes, 2)
        appendLE16(&bytes, 4)
        appendLE32(&bytes, 0)  // thiszone: UTC
        appendLE32(&bytes, 0)  // sigfigs
        appendLE32(&bytes, snapLength)
        appendLE32(&bytes, linkTypeEthernet)
        return bytes
    }

    static func record(_ segment: Segment, from: HostID, ipID: UInt16, at time: Micros, mss: Int, into out: inout [UInt8]) {
        let frame = PacketBytes.frame(segment, from: from, ipID: ipID, mss: mss)
        let seconds = UInt32(truncatingIfNeeded: Int64(epochSeconds) + time / 1_000_000)
        appendLE32(&out, seconds)
        appendLE32(&out, UInt32(time % 1_000_000))
        let captured = min(UInt32(frame.count), snapLength)
        appendLE32(&out, captured)
        appendLE32(&out, UInt32(frame.count))
        out += frame.prefix(Int(captured))
    }

    static func appendLE16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    static func appendLE32(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
