import TCPStepCore

/// Why a captured packet was not used. Counted per reason, reported by `tcpstep connections`.
public enum SkipReason: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Not IPv4 or IPv6 (ARP, LLDP, …).
    case notIP
    /// IP, but not TCP (UDP, ICMP, …).
    case notTCP
    /// An IP fragment: its TCP header may be elsewhere, and tcpstep does not reassemble.
    case fragment
    /// The snaplen or a short record cut the packet before the end of its TCP header.
    case truncated
    /// Header fields that cannot be right (an IP header length below 20, a TCP offset below 5).
    case malformed

    public var description: String {
        switch self {
        case .notIP: "not IP"
        case .notTCP: "not TCP"
        case .fragment: "IP fragments"
        case .truncated: "truncated"
        case .malformed: "malformed"
        }
    }
}

/// The link layers tcpstep decodes, by their libpcap DLT_ value.
public enum LinkType: Sendable, Hashable {
    /// DLT_EN10MB: Ethernet II, with any number of 802.1Q / 802.1ad VLAN tags.
    case ethernet
    /// DLT_LINUX_SLL: Linux "cooked" v1 (`tcpdump -i any` before libpcap 1.10).
    case linuxCooked
    /// DLT_LINUX_SLL2: Linux "cooked" v2 (`tcpdump -i any` since libpcap 1.10).
    case linuxCooked2
    /// DLT_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6: the IP header first.
    case rawIP
    /// DLT_NULL: BSD loopback, a 4-byte address family in the capturing host's byte order.
    case bsdLoopback
    /// DLT_LOOP: OpenBSD loopback, the same family in network byte order.
    case openBSDLoopback

    /// nil for a DLT_ value tcpstep cannot decode.
    public init?(dlt: Int32) {
        switch dlt {
        case 1: self = .ethernet
        case 113: self = .linuxCooked
        case 276: self = .linuxCooked2
        case 12, 14, 101, 228, 229: self = .rawIP  // DLT_RAW is 12 on Linux, 14 on BSD/OS
        case 0: self = .bsdLoopback
        case 108: self = .openBSDLoopback
        default: return nil
        }
    }
}

/// Link layer → IP → TCP header, from the captured bytes. Pure, no allocation per packet.
public enum PacketDecoder {
    public enum Result: Sendable {
        case tcp(CapturedPacket)
        case skipped(SkipReason)
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, link: LinkType, time: Micros) -> Result {
        switch link {
        case .ethernet:
            var offset = 12
            // Every VLAN tag (802.1Q 0x8100, 802.1ad 0x88A8, the old 0x9100) adds four bytes.
            while offset + 2 <= bytes.count {
                let type = u16(bytes, offset)
                if type == 0x8100 || type == 0x88A8 || type == 0x9100 {
                    offset += 4
                    continue
                }
                return ip(bytes, at: offset + 2, etherType: type, time: time)
            }
            return .skipped(.truncated)
        case .linuxCooked:
            guard bytes.count >= 16 else { return .skipped(.truncated) }
            return ip(bytes, at: 16, etherType: u16(bytes, 14), time: time)
        case .linuxCooked2:
            guard bytes.count >= 20 else { return .skipped(.truncated) }
            return ip(bytes, at: 20, etherType: u16(bytes, 0), time: time)
        case .rawIP:
            guard bytes.count >= 1 else { return .skipped(.truncated) }
            return byVersion(bytes, at: 0, time: time)
        case .bsdLoopback, .openBSDLoopback:
            guard bytes.count >= 4 else { return .skipped(.truncated) }
            // The family is 2 for IPv4 and 10, 24, 28 or 30 for IPv6 depending on the OS; the
            // IP version nibble after it says the same more reliably.
            return byVersion(bytes, at: 4, time: time)
        }
    }

    private static func byVersion(_ bytes: UnsafeRawBufferPointer, at offset: Int, time: Micros) -> Result {
        guard offset < bytes.count else { return .skipped(.truncated) }
        switch bytes[offset] >> 4 {
        case 4: return ipv4(bytes, at: offset, time: time)
        case 6: return ipv6(bytes, at: offset, time: time)
        default: return .skipped(.notIP)
        }
    }

    private static func ip(_ bytes: UnsafeRawBufferPointer, at offset: Int, etherType: UInt16, time: Micros) -> Result {
        switch etherType {
        case 0x0800: ipv4(bytes, at: offset, time: time)
        case 0x86DD: ipv6(bytes, at: offset, time: time)
        default: .skipped(.notIP)
        }
    }

    private static func ipv4(_ bytes: UnsafeRawBufferPointer, at offset: Int, time: Micros) -> Result {
        guard offset + 20 <= bytes.count else { return .skipped(.truncated) }
        let headerLength = Int(bytes[offset] & 0x0F) * 4
        guard bytes[offset] >> 4 == 4, headerLength >= 20 else { return .skipped(.malformed) }
        let totalLength = Int(u16(bytes, offset + 2))
        let fragment = u16(bytes, offset + 6)
        // More-fragments set, or a non-zero offset: part of a fragmented datagram.
        if fragment & 0x3FFF != 0 { return .skipped(.fragment) }
        guard bytes[offset + 9] == 6 else { return .skipped(.notTCP) }
        guard totalLength >= headerLength else { return .skipped(.malformed) }
        let source = IPAddress(ipv4: u32(bytes, offset + 12))
        let destination = IPAddress(ipv4: u32(bytes, offset + 16))
        return tcp(bytes, at: offset + headerLength, ipPayload: totalLength - headerLength,
                   source: source, destination: destination, ipID: u16(bytes, offset + 4), time: time)
    }

    private static func ipv6(_ bytes: UnsafeRawBufferPointer, at offset: Int, time: Micros) -> Result {
        guard offset + 40 <= bytes.count else { return .skipped(.truncated) }
        guard bytes[offset] >> 4 == 6 else { return .skipped(.malformed) }
        var remaining = Int(u16(bytes, offset + 4))
        var next = bytes[offset + 6]
        var cursor = offset + 40
        let source = IPAddress(ipv6High: u64(bytes, offset + 8), low: u64(bytes, offset + 16))
        let destination = IPAddress(ipv6High: u64(bytes, offset + 24), low: u64(bytes, offset + 32))
        // Walk the extension headers that may precede TCP: hop-by-hop, routing, destination options.
        while true {
            switch next {
            case 6:
                return tcp(bytes, at: cursor, ipPayload: remaining, source: source, destination: destination, ipID: nil, time: time)
            case 44:
                return .skipped(.fragment)
            case 0, 43, 60:
                guard cursor + 2 <= bytes.count else { return .skipped(.truncated) }
                let length = (Int(bytes[cursor + 1]) + 1) * 8
                guard length <= remaining else { return .skipped(.malformed) }
                next = bytes[cursor]
                cursor += length
                remaining -= length
            default:
                return .skipped(.notTCP)
            }
        }
    }

    private static func tcp(_ bytes: UnsafeRawBufferPointer, at offset: Int, ipPayload: Int,
                            source: IPAddress, destination: IPAddress, ipID: UInt16?, time: Micros) -> Result {
        guard offset + 20 <= bytes.count else { return .skipped(.truncated) }
        let headerLength = Int(bytes[offset + 12] >> 4) * 4
        guard headerLength >= 20, headerLength <= ipPayload else { return .skipped(.malformed) }
        let raw = bytes[offset + 13]
        var flags: TCPFlags = []
        if raw & 0x01 != 0 { flags.insert(.fin) }
        if raw & 0x02 != 0 { flags.insert(.syn) }
        if raw & 0x04 != 0 { flags.insert(.rst) }
        if raw & 0x08 != 0 { flags.insert(.psh) }
        if raw & 0x10 != 0 { flags.insert(.ack) }
        return .tcp(CapturedPacket(
            time: time,
            source: Endpoint(address: source, port: u16(bytes, offset)),
            destination: Endpoint(address: destination, port: u16(bytes, offset + 2)),
            seq: u32(bytes, offset + 4), ack: u32(bytes, offset + 8), flags: flags,
            window: u16(bytes, offset + 14), payloadLength: ipPayload - headerLength, ipID: ipID))
    }

    @inline(__always) private static func u16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    @inline(__always) private static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(u16(bytes, offset)) << 16 | UInt32(u16(bytes, offset + 2))
    }

    @inline(__always) private static func u64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(u32(bytes, offset)) << 32 | UInt64(u32(bytes, offset + 4))
    }
}
