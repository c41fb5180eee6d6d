#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as two 64-bit halves, so that hashing and comparing a connection key
/// costs a few integer operations per packet (a million packets is the benchmark).
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first eight bytes, big-endian (zero for IPv4).
    public let high: UInt64
    /// The last eight bytes, big-endian (an IPv4 address sits in the low 32 bits).
    public let low: UInt64
    public let isIPv6: Bool

    public init(ipv4 value: UInt32) {
        high = 0
        low = UInt64(value)
        isIPv6 = false
    }

    public init(ipv6High high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
        isIPv6 = true
    }

    /// Parses "10.0.0.1" or "::1" (inet_pton, so every textual form the C library knows).
    public init?(_ text: some StringProtocol) {
        var bytes = [UInt8](repeating: 0, count: 16)
        let string = String(text)
        if inet_pton(AF_INET, string, &bytes) == 1 {
            self.init(ipv4: UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]))
        } else if inet_pton(AF_INET6, string, &bytes) == 1 {
            self.init(ipv6High: Self.bigEndian(bytes[0 ..< 8]), low: Self.bigEndian(bytes[8 ..< 16]))
        } else {
            return nil
        }
    }

    /// "10.0.0.1", or the shortest IPv6 form ("::1", "fe80::1").
    public var description: String {
        var bytes = [UInt8](repeating: 0, count: 16)
        var text = [CChar](repeating: 0, count: 64)
        if isIPv6 {
            for index in 0 ..< 8 {
                bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
                bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
            }
            _ = inet_ntop(AF_INET6, bytes, &text, 64)
        } else {
            for index in 0 ..< 4 { bytes[index] = UInt8(truncatingIfNeeded: low >> (24 - 8 * UInt64(index))) }
            _ = inet_ntop(AF_INET, bytes, &text, 64)
        }
        return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.isIPv6 ? 1 : 0, lhs.high, lhs.low) < (rhs.isIPv6 ? 1 : 0, rhs.high, rhs.low)
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// One end of a TCP connection: an address and a port.
public struct Endpoint: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// "10.0.0.1:80" or "[::1]:80", the form `--conn` accepts.
    public var description: String { "\(addressText):\(port)" }

    /// The address as written before ":port": "10.0.0.1", "[::1]".
    public var addressText: String { address.isIPv6 ? "[\(address)]" : "\(address)" }

    /// Parses "10.0.0.1:80" or "[::1]:80".
    public init?(_ text: some StringProtocol) {
        let string = Substring(text)
        let addressText: Substring, portText: Substring
        if string.hasPrefix("[") {
            guard let close = string.firstIndex(of: "]"), string[string.index(after: close)...].hasPrefix(":") else { return nil }
            addressText = string[string.index(after: string.startIndex) ..< close]
            portText = string[string.index(close, offsetBy: 2)...]
        } else {
            guard let colon = string.lastIndex(of: ":") else { return nil }
            addressText = string[..<colon]
            portText = string[string.index(after: colon)...]
        }
        guard let address = IPAddress(addressText), let port = UInt16(portText) else { return nil }
        self.init(address: address, port: port)
    }

    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        (lhs.address, lhs.port) < (rhs.address, rhs.port)
    }
}
