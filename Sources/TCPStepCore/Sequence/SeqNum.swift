/// A 32-bit TCP sequence number. All arithmetic wraps modulo 2^32 (RFC 9293 §3.4), and ordering is
/// "a comes before b" in the circular sense: `a < b` iff `(b - a) mod 2^32` is in `1 ..< 2^31`.
/// Never compare the raw values directly: 4294967295 comes *before* 0.
public struct SeqNum: Hashable, Sendable, CustomStringConvertible {
    public var raw: UInt32

    public init(_ raw: UInt32) { self.raw = raw }

    public static func + (lhs: SeqNum, rhs: Int) -> SeqNum {
        SeqNum(lhs.raw &+ UInt32(truncatingIfNeeded: rhs))
    }

    public static func - (lhs: SeqNum, rhs: Int) -> SeqNum {
        SeqNum(lhs.raw &- UInt32(truncatingIfNeeded: rhs))
    }

    public static func += (lhs: inout SeqNum, rhs: Int) { lhs = lhs + rhs }

    /// The signed distance from `other` to `self` (positive when `self` is later).
    public func distance(from other: SeqNum) -> Int {
        Int(Int32(bitPattern: raw &- other.raw))
    }

    public static func < (lhs: SeqNum, rhs: SeqNum) -> Bool { rhs.distance(from: lhs) > 0 }
    public static func <= (lhs: SeqNum, rhs: SeqNum) -> Bool { rhs.distance(from: lhs) >= 0 }
    public static func > (lhs: SeqNum, rhs: SeqNum) -> Bool { rhs < lhs }
    public static func >= (lhs: SeqNum, rhs: SeqNum) -> Bool { rhs <= lhs }

    /// `low <= self < high` in sequence space (the RFC's window test).
    public func isIn(from low: SeqNum, below high: SeqNum) -> Bool {
        low <= self && self < high
    }

    public var description: String { String(raw) }
}
