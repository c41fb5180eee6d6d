import TCPStepCore

/// Parsers for the small values of the scenario language. Each returns nil on bad input; the
/// caller turns that into a `file:line:col` error naming what was expected.
enum ValueParsers {
    /// What reading a time gave: microseconds, text that is not a time, or a time outside
    /// virtual time's range (0 to `Micros.maximumVirtual`).
    enum Duration: Equatable {
        case micros(Micros)
        case notATime
        case outOfRange
    }

    /// "50ms", "1s", "1.5s", "250us", "2min" → microseconds. One rule for every unit: the
    /// value, once converted, must lie within virtual time's range.
    static func duration(_ text: Substring) -> Duration {
        // The unit is the lower-case letters at the end; read as bytes (a journal has a time on
        // every line).
        let bytes = text.utf8
        var unitStart = bytes.endIndex
        while unitStart > bytes.startIndex, case let byte = bytes[bytes.index(before: unitStart)],
              byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") {
            unitStart = bytes.index(before: unitStart)
        }
        let scale: Double
        switch text[unitStart...] {
        case "us": scale = 1
        case "ms": scale = 1_000
        case "min": scale = 60_000_000
        case "s": scale = 1_000_000
        default: return .notATime
        }
        let number = text[..<unitStart]
        guard !number.isEmpty, number.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }),
              let value = Double(number) else { return .notATime }
        guard let micros = Micros.checked(value, unitMicros: scale) else { return .outOfRange }
        return .micros(micros)
    }

    /// "5%" or "5" → 5.0, within 0…100.
    static func percent(_ text: Substring) -> Double? {
        let number = text.hasSuffix("%") ? text.dropLast() : text
        guard let value = Double(number), (0...100).contains(value) else { return nil }
        return value
    }

    static func port(_ text: Substring) -> UInt16? {
        guard let value = UInt16(text), value > 0 else { return nil }
        return value
    }

    static func host(_ text: Substring) -> HostID? {
        switch text {
        case "client": .client
        case "server": .server
        default: nil
        }
    }

    static func direction(_ text: Substring) -> Direction? {
        switch text {
        case "c2s": .clientToServer
        case "s2c": .serverToClient
        default: nil
        }
    }

    /// `key=value` → (key, value).
    static func keyValue(_ text: Substring) -> (Substring, Substring)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        return (text[..<equals], text[text.index(after: equals)...])
    }
}
