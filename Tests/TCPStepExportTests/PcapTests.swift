import TCPStepCore
import Testing

@testable import TCPStepExport

/// The capture byte for byte: headers, lengths, checksums, options, and whose view it is.
@Suite struct PcapTests {
    /// One packet of a pcap file, decoded.
    struct Packet {
        var seconds: UInt32
        var micros: UInt32
        var frame: [UInt8]

        var source: [UInt8] { Array(frame[26..<30]) }
        var tcp: ArraySlice<UInt8> { frame[34...] }
        var flags: UInt8 { frame[47] }
        var seq: UInt32 { be32(frame, 38) }
        var ack: UInt32 { be32(frame, 42) }
        var headerLength: Int { Int(frame[46] >> 4) * 4 }
        var payloadLength: Int { frame.count - 34 - headerLength }
    }

    static func be16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }
    static func be32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(be16(bytes, at)) << 16 | UInt32(be16(bytes, at + 2)) }
    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    static func packets(_ file: [UInt8]) throws -> [Packet] {
        #expect(Array(file.prefix(4)) == [0xD4, 0xC3, 0xB2, 0xA1], "microsecond pcap, little-endian")
        #expect(le32(file, 20) == 1, "Ethernet")
        var packets: [Packet] = []
        var offset = 24
        while offset < file.count {
            let captured = Int(le32(file, offset + 8))
            #expect(captured == Int(le32(file, offset + 12)), "never truncated")
            packets.append(Packet(seconds: le32(file, offset), micros: le32(file, offset + 4),
                                  frame: Array(file[(offset + 16)..<(offset + 16 + captured)])))
            offset += 16 + captured
        }
        #expect(offset == file.count)
        return packets
    }

    static func events(_ name: String) throws -> (ArraySlice<TraceEvent>, Int) {
        let scenario = try ExportScenarios.builtin(name)
        return (ExportScenarios.trace(scenario)[...], scenario.config.mss)
    }

    @Test func everyFrameHasCorrectLengthsAndChecksums() throws {
        let (events, mss) = try Self.events("lost-last-ack")
        for packet in try Self.packets(PcapExport.capture(events, at: .client, mss: mss)) {
            let frame = packet.frame
            #expect(Array(frame[12..<14]) == [0x08, 0x00])
            #expect(Int(Self.be16(frame, 16)) == frame.count - 14, "IPv4 total length")
            #expect(PacketBytes.checksum(frame[14..<34]) == 0, "IPv4 header checksum verifies")
            var pseudo = Array(frame[26..<34]) + [0, 6]
            PacketBytes.append16(&pseudo, UInt16(frame.count - 34))
            #expect(PacketBytes.checksum(pseudo[...], frame[34...]) == 0, "TCP checksum verifies")
        }
    }

    @Test func synsCarryTheMSSOptionAndDataHasItsLength() throws {
        let scenario = try ExportScenarios.parse(ExportScenarios.duplicated)
        let events = ExportScenarios.trace(scenario)[...]
        let packets = try Self.packets(PcapExport.capture(events, at: .server, mss: 1460))
        let syn = try #require(packets.first { $0.flags & 0x02 != 0 })
        #expect(syn.headerLength == 24)
        #expect(Array(syn.frame[54..<58]) == [2, 4, 0x05, 0xB4], "MSS 1460")
        let data = packets.filter { $0.payloadLength > 0 }
        #expect(data.map(\.payloadLength) == [100, 100], "the network's copy arrives twice at the server")
        #expect(data[0].frame == data[1].frame, "a copy is the same packet, IP ID included")
        #expect(try Self.packets(PcapExport.capture(events, at: .client, mss: 1460)).filter { $0.payloadLength > 0 }.count == 1,
                "the client sent it once")
    }

    @Test func eachHostSeesItsOwnSegmentsAsSentAndTheOthersAsDelivered() throws {
        let (events, mss) = try Self.events("lost-last-ack")
        let client = try Self.packets(PcapExport.capture(events, at: .client, mss: mss))
        let server = try Self.packets(PcapExport.capture(events, at: .server, mss: mss))
        // 9 segments, one of them (the client's last ACK) lost.
        #expect(client.count == 9, "the client saw its lost ACK leave")
        #expect(server.count == 8, "the server never saw it")
        // At the client: SYN sent at 0, SYN,ACK delivered at 100 and ACK sent, FIN sent at 300, ACK
        // delivered at 400, the server's FIN delivered at 550 and the (lost) ACK sent, the
        // retransmitted FIN delivered at 1550 and the ACK sent again.
        #expect(client.map { Int($0.seconds - PcapExport.epochSeconds) * 1_000_000 + Int($0.micros) } ==
                [0, 100_000, 100_000, 300_000, 400_000, 550_000, 550_000, 1_550_000, 1_550_000])
        #expect(server.first?.source == [10, 0, 0, 1] && server.first?.flags == 0x02)
        #expect(client.map(\.flags) == [0x02, 0x12, 0x10, 0x11, 0x10, 0x11, 0x10, 0x11, 0x10])
    }
}
