import TCPStepCore

/// One segment as an Ethernet II / IPv4 / TCP frame, byte for byte, with correct lengths and
/// checksums, so that Wireshark and tshark read it without a warning.
///
/// What is made up, and documented in the README: the MAC addresses (locally administered
/// 02:00:00:00:00:01 for the client, …:02 for the server), the IP ID (one counter per sender),
/// TTL 64 with Don't Fragment, and the payload bytes (the text "tcpstep " repeated: tcpstep
/// models only the length of the data). SYNs carry the MSS option and nothing else, since
/// tcpstep models no other option.
struct PacketBytes {
    static let headerBytes = 14 + 20 + 20

    static func mac(_ host: HostID) -> [UInt8] { [0x02, 0, 0, 0, 0, host == .client ? 1 : 2] }

    static func ipv4(_ host: HostID) -> [UInt8] { [10, 0, 0, host == .client ? 1 : 2] }

    /// The frame of `segment` travelling `from` → its peer.
    static func frame(_ segment: Segment, from: HostID, ipID: UInt16, mss: Int) -> [UInt8] {
        let options: [UInt8] = segment.flags.contains(.syn)
            ? [2, 4, UInt8(truncatingIfNeeded: mss >> 8), UInt8(truncatingIfNeeded: mss)] : []
        let tcpLength = 20 + options.count + segment.payloadLength
        var bytes: [UInt8] = []
        bytes.reserveCapacity(14 + 20 + tcpLength)
        // Ethernet II
        bytes += mac(from.peer) + mac(from) + [0x08, 0x00]
        // IPv4: version 4, 5 words; total length; ID; DF; TTL 64; TCP
        let ipStart = bytes.count
        bytes += [0x45, 0]
        append16(&bytes, UInt16(20 + tcpLength))
        append16(&bytes, ipID)
        bytes += [0x40, 0x00, 64, 6, 0, 0]
        bytes += ipv4(from) + ipv4(from.peer)
        let ipChecksum = checksum(bytes[ipStart...])
        bytes[ipStart + 10] = UInt8(ipChecksum >> 8)
        bytes[ipStart + 11] = UInt8(ipChecksum & 0xFF)
        // TCP
        let tcpStart = bytes.count
        append16(&bytes, segment.sourcePort)
        append16(&bytes, segment.destinationPort)
        append32(&bytes, segment.seq.raw)
        append32(&bytes, segment.flags.contains(.ack) ? segment.ack.raw : 0)
        bytes += [UInt8((20 + options.count) / 4) << 4, flagsByte(segment.flags)]
        append16(&bytes, segment.window)
        bytes += [0, 0, 0, 0]  // checksum (below), urgent pointer
        bytes += options
        bytes += payload(segment.payloadLength)
        var pseudo = ipv4(from) + ipv4(from.peer) + [0, 6]
        append16(&pseudo, UInt16(tcpLength))
        let tcpChecksum = checksum(pseudo[...], bytes[tcpStart...])
        bytes[tcpStart + 16] = UInt8(tcpChecksum >> 8)
        bytes[tcpStart + 17] = UInt8(tcpChecksum & 0xFF)
        return bytes
    }

    static func flagsByte(_ flags: TCPFlags) -> UInt8 {
        var byte: UInt8 = 0
        if flags.contains(.fin) { byte |= 0x01 }
        if flags.contains(.syn) { byte |= 0x02 }
        if flags.contains(.rst) { byte |= 0x04 }
        if flags.contains(.psh) { byte |= 0x08 }
        if flags.contains(.ack) { byte |= 0x10 }
        return byte
    }

    static func payload(_ length: Int) -> [UInt8] {
        let pattern = Array("tcpstep ".utf8)
        return (0..<length).map { pattern[$0 % pattern.count] }
    }

    /// The Internet checksum (RFC 1071) over the concatenation of `parts`.
    static func checksum(_ parts: ArraySlice<UInt8>...) -> UInt16 {
        var sum: UInt32 = 0
        var pending: UInt8?
        for part in parts {
            for byte in part {
                if let high = pending {
                    sum += UInt32(high) << 8 | UInt32(byte)
                    pending = nil
                } else {
                    pending = byte
                }
            }
        }
        if let high = pending { sum += UInt32(high) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    static func append16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
    }

    static func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
