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
        let units: [(String, Double)] = [("us", 1), ("ms", 1_000), ("min", 60_000_000), ("s", 1_000_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
                  let value = Double(number) else { return .notATime }
            guard let micros = Micros.checked(value, unitMicros: scale) else { return .outOfRange }
            return .micros(micros)
        }
        return .notATime
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
