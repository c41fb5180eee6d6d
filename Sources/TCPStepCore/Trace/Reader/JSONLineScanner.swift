// A scanner for the flat JSON objects of the trace contract, one per line, written by hand:
// Foundation's JSONSerialization builds a dictionary of boxed values per line, far too slow for
// a million events. It records where each known field's value lies and converts on demand.

/// The fields of the trace contract (`TraceJSON.swift`). Unknown fields are skipped, so a newer
/// writer's extra fields do not stop an older reader.
enum TraceField: Int, CaseIterable {
    case t, step, event, id, from, to, flags, seq, ack, len, win, retransmit, sport, dport, arrives, conn
    case copyOf, result, reason, cause, copy, delayMs, host, local, remote, timer, action, deadline, attempt
    case call, args, signal, inferred

    var name: String {
        switch self {
        case .copyOf: "copy_of"
        case .delayMs: "delay_ms"
        default: String(describing: self)
        }
    }

    /// Field names by length, as bytes, for matching a key without making a String.
    static let byLength: [[(TraceField, [UInt8])]] = {
        var table = [[(TraceField, [UInt8])]](repeating: [], count: 16)
        for field in allCases { table[field.name.utf8.count].append((field, Array(field.name.utf8))) }
        return table
    }()
}

/// A syntax or type error in one line; the reader adds the line number.
struct ScanError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Where one value lies in the line.
struct ScannedValue {
    enum Kind: UInt8 { case string, number, bool, array, null, object }
    var kind: Kind
    var start: Int
    var end: Int
    /// A string with backslash escapes (decoded when read).
    var escaped = false
}

/// Scans one line's object into `values` (indexed by `TraceField.rawValue`).
struct JSONLineScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int
    var values: [ScannedValue?]

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, reusing values: [ScannedValue?]) {
        self.bytes = bytes
        self.position = start
        self.end = end
        self.values = values
        for index in self.values.indices { self.values[index] = nil }
    }

    mutating func scanObject() throws(ScanError) {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { throw ScanError("expected a JSON object, `{ … }`") }
        position += 1
        try scanMembers(depth: 0, recording: true)
        skipSpace()
        if position < end { throw ScanError("unexpected text after the object") }
    }

    /// The members of an object whose `{` was just read, through its `}`; the top level's known
    /// fields are recorded, a nested object's members only checked.
    private mutating func scanMembers(depth: Int, recording: Bool) throws(ScanError) {
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw ScanError("expected a field name in double quotes") }
            let key = try scanString()
            skipSpace()
            guard peek() == UInt8(ascii: ":") else { throw ScanError("expected `:` after a field name") }
            position += 1
            skipSpace()
            let value = try scanValue(depth: depth)
            if recording, let field = match(key) {
                if values[field.rawValue] != nil { throw ScanError("field \"\(field.name)\" appears twice") }
                values[field.rawValue] = value
            }
            skipSpace()
            guard let next = peek() else { throw ScanError("the object is not closed with `}`") }
            position += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw ScanError("expected `,` or `}` after a value") }
        }
    }

    private func peek() -> UInt8? { position < end ? bytes[position] : nil }

    private mutating func skipSpace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            default: return
            }
        }
    }

    private func match(_ key: ScannedValue) -> TraceField? {
        let length = key.end - key.start
        guard !key.escaped, length < TraceField.byLength.count else { return nil }
        candidates: for (field, name) in TraceField.byLength[length] {
            for offset in 0 ..< length where bytes[key.start + offset] != name[offset] { continue candidates }
            return field
        }
        return nil
    }

    private mutating func scanValue(depth: Int) throws(ScanError) -> ScannedValue {
        guard depth < 32 else { throw ScanError("values nested too deeply") }
        guard let first = peek() else { throw ScanError("a value is missing") }
        switch first {
        case UInt8(ascii: "\""):
            return try scanString()
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            let start = position
            position += 1
            while position < end, Self.isNumberByte(bytes[position]) { position += 1 }
            return ScannedValue(kind: .number, start: start, end: position)
        case UInt8(ascii: "t"): return try scanLiteral("true", kind: .bool)
        case UInt8(ascii: "f"): return try scanLiteral("false", kind: .bool)
        case UInt8(ascii: "n"): return try scanLiteral("null", kind: .null)
        case UInt8(ascii: "["):
            let start = position
            position += 1
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return ScannedValue(kind: .array, start: start, end: position)
            }
            while true {
                skipSpace()
                _ = try scanValue(depth: depth + 1)
                skipSpace()
                guard let next = peek() else { throw ScanError("an array is not closed with `]`") }
                position += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { throw ScanError("expected `,` or `]` in an array") }
            }
            return ScannedValue(kind: .array, start: start, end: position)
        case UInt8(ascii: "{"):
            let start = position
            position += 1
            try scanMembers(depth: depth + 1, recording: false)
            return ScannedValue(kind: .object, start: start, end: position)
        default:
            throw ScanError("unexpected character \(Self.describe(first)) where a value should be")
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    private mutating func scanLiteral(_ word: StaticString, kind: ScannedValue.Kind) throws(ScanError) -> ScannedValue {
        let start = position
        let count = word.utf8CodeUnitCount
        guard end - position >= count else { throw ScanError("unexpected end of line in a value") }
        for offset in 0 ..< count where bytes[position + offset] != word.utf8Start[offset] {
            throw ScanError("unknown word in a value (JSON has true, false and null)")
        }
        position += count
        return ScannedValue(kind: kind, start: start, end: position)
    }

    /// A string's content range (without quotes); escapes are checked here, decoded on reading.
    private mutating func scanString() throws(ScanError) -> ScannedValue {
        position += 1
        let start = position
        var escaped = false
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                return ScannedValue(kind: .string, start: start, end: position, escaped: escaped)
            }
            if byte < 0x20 { throw ScanError("a control character inside a string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                position += 1
                guard position < end else { break }
                switch bytes[position] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    guard end - position > 4, (1 ... 4).allSatisfy({ Self.hexValue(bytes[position + $0]) != nil }) else {
                        throw ScanError("`\\u` must be followed by four hex digits")
                    }
                    position += 4
                default:
                    throw ScanError("unknown escape `\\\(Self.describe(bytes[position]))` in a string")
                }
            }
            position += 1
        }
        throw ScanError("a string is not closed with `\"`")
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "`\(Character(Unicode.Scalar(byte)))`" : "0x" + String(byte, radix: 16)
    }
}
