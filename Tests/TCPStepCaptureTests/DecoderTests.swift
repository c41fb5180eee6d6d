import TCPStepCapture
import TCPStepCore
import Testing

/// Link layers, VLAN tags, IPv6 extension headers, and what is skipped.
@Suite("Packet decoding")
struct DecoderTests {
    static let tcpHeader: [UInt8] = [0x9C, 0x40, 0x00, 0x50, 0, 0, 0, 100, 0, 0, 0, 0, 0x50, 0x02, 0x04, 0x00, 0, 0, 0, 0]

    static func ipv4(protocol number: UInt8 = 6, fragment: UInt16 = 0x4000, payload: [UInt8] = tcpHeader) -> [UInt8] {
        let total = 20 + payload.count
        return [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0x12, 0x34, UInt8(fragment >> 8), UInt8(fragment & 0xFF),
                64, number, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2] + payload
    }

    static func decode(_ bytes: [UInt8], _ link: LinkType) -> PacketDecoder.Result {
        bytes.withUnsafeBytes { PacketDecoder.decode($0, link: link, time: 0) }
    }

    static func tcp(_ result: PacketDecoder.Result) -> CapturedPacket? {
        if case .tcp(let packet) = result { return packet }
        return nil
    }

    static func skipped(_ result: PacketDecoder.Result) -> SkipReason? {
        if case .skipped(let reason) = result { return reason }
        return nil
    }

    static let ethernet: [UInt8] = [UInt8](repeating: 0, count: 12)

    @Test("Ethernet with two VLAN tags (802.1ad outside 802.1Q)")
    func vlan() throws {
        let frame = Self.ethernet + [0x88, 0xA8, 0, 10, 0x81, 0x00, 0, 20, 0x08, 0x00] + Self.ipv4()
        let packet = try #require(Self.tcp(Self.decode(frame, .ethernet)))
        #expect(packet.source.description == "10.0.0.1:40000" && packet.destination.description == "10.0.0.2:80")
        #expect(packet.flags == .syn && packet.seq == 100 && packet.payloadLength == 0 && packet.ipID == 0x1234)
    }

    @Test("Linux cooked v1 and v2, raw IP, BSD loopback in either byte order")
    func linkTypes() {
        let ip = Self.ipv4()
        #expect(Self.tcp(Self.decode([UInt8](repeating: 0, count: 14) + [0x08, 0x00] + ip, .linuxCooked)) != nil)
        #expect(Self.tcp(Self.decode([0x08, 0x00] + [UInt8](repeating: 0, count: 18) + ip, .linuxCooked2)) != nil)
        #expect(Self.tcp(Self.decode(ip, .rawIP)) != nil)
        #expect(Self.tcp(Self.decode([2, 0, 0, 0] + ip, .bsdLoopback)) != nil)
        #expect(Self.tcp(Self.decode([0, 0, 0, 2] + ip, .openBSDLoopback)) != nil)
    }

    @Test("IPv6 with a hop-by-hop header before TCP; an IPv6 fragment is skipped")
    func ipv6() throws {
        func packet(next: UInt8, _ rest: [UInt8]) -> [UInt8] {
            [0x60, 0, 0, 0, 0, UInt8(rest.count), next, 64] + [UInt8](repeating: 0, count: 15) + [1] + [UInt8](repeating: 0, count: 15) + [2] + rest
        }
        let hopByHop: [UInt8] = [6, 0, 0, 0, 0, 0, 0, 0]
        let decoded = try #require(Self.tcp(Self.decode(packet(next: 0, hopByHop + Self.tcpHeader), .rawIP)))
        #expect(decoded.source.description == "[::1]:40000" && decoded.destination.description == "[::2]:80")
        #expect(decoded.ipID == nil)
        #expect(Self.skipped(Self.decode(packet(next: 44, [6, 0, 0, 1, 0, 0, 0, 0] + Self.tcpHeader), .rawIP)) == .fragment)
    }

    @Test("Skipped and counted: UDP, IPv4 fragments, ARP, a TCP header cut by the snaplen, a bad header length")
    func skipped() {
        #expect(Self.skipped(Self.decode(Self.ipv4(protocol: 17), .rawIP)) == .notTCP)
        #expect(Self.skipped(Self.decode(Self.ipv4(fragment: 0x2000), .rawIP)) == .fragment)
        #expect(Self.skipped(Self.decode(Self.ipv4(fragment: 0x0010), .rawIP)) == .fragment)
        #expect(Self.skipped(Self.decode(Self.ethernet + [0x08, 0x06] + [UInt8](repeating: 0, count: 28), .ethernet)) == .notIP)
        #expect(Self.skipped(Self.decode(Array(Self.ipv4().prefix(30)), .rawIP)) == .truncated)
        var badOffset = Self.ipv4()
        badOffset[32] = 0x20  // TCP data offset 2: shorter than the fixed header
        #expect(Self.skipped(Self.decode(badOffset, .rawIP)) == .malformed)
        var table = ConnectionTable()
        for result in [Self.decode(Self.ipv4(protocol: 17), .rawIP), Self.decode(Self.ipv4(), .rawIP), Self.decode(Self.ipv4(fragment: 0x2000), .rawIP)] {
            table.add(result)
        }
        #expect(table.packetsRead == 3 && table.skipped == [.notTCP: 1, .fragment: 1] && table.connections.count == 1)
    }
}
