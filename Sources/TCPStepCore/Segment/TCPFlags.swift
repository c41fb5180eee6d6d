/// The control bits tcpstep models (RFC 9293 §3.1). URG, ECE and CWR are out of scope.
public struct TCPFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 1 << 0)
    public static let syn = TCPFlags(rawValue: 1 << 1)
    public static let rst = TCPFlags(rawValue: 1 << 2)
    public static let psh = TCPFlags(rawValue: 1 << 3)
    public static let ack = TCPFlags(rawValue: 1 << 4)

    /// Names in the order people say them: "SYN,ACK", "FIN,ACK", "RST,ACK".
    public static let displayOrder: [(TCPFlags, String)] = [
        (.syn, "SYN"), (.fin, "FIN"), (.rst, "RST"), (.psh, "PSH"), (.ack, "ACK"),
    ]

    public var names: [String] { Self.displayOrder.filter { contains($0.0) }.map(\.1) }

    /// "SYN,ACK"; the empty set prints as "none". Looked up, not joined anew: every label,
    /// narration and export line says it (4.5 % of a long HTML export when it was joined).
    public var description: String { Self.descriptions[Int(rawValue & 0b11111)] }

    /// The description of each set of the five flags (other bits have no name).
    private static let descriptions: [String] = (0 ..< 32).map { bits in
        let names = TCPFlags(rawValue: UInt8(bits)).names
        return names.isEmpty ? "none" : names.joined(separator: ",")
    }

    /// Parses "SYN+ACK", "syn,ack", "FIN" …; nil for an unknown name.
    public init?(parsing text: Substring) {
        var flags: TCPFlags = []
        for part in text.split(whereSeparator: { $0 == "+" || $0 == "," }) {
            guard let match = Self.displayOrder.first(where: { $0.1 == part.uppercased() }) else { return nil }
            flags.insert(match.0)
        }
        if flags.isEmpty { return nil }
        self = flags
    }
}
