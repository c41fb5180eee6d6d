import TCPStepCore

/// Parsers for the small values of the scenario language. Each returns nil on bad input; the
/// caller turns that into a `file:line:col` error naming what was expected.
enum ValueParsers {
    /// "50ms", "1s", "1.5s", "250us" → microseconds.
    static func duration(_ text: Substring) -> Micros? {
        let units: [(String, Double)] = [("us", 1), ("ms", 1_000), ("min", 60_000_000), ("s", 1_000_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
                  let value = Double(number), value >= 0, value < 1e9 else { return nil }
            return Micros((value * scale).rounded())
        }
        return nil
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
