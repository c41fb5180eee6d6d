// Reading the scanned fields as the values the contract gives them: numbers, milliseconds,
// names. Every check names the field, so a bad line says what is wrong with it.

extension JSONLineScanner {
    func has(_ field: TraceField) -> Bool {
        if let value = values[field.rawValue], value.kind != .null { return true }
        return false
    }

    func value(_ field: TraceField) throws(ScanError) -> ScannedValue {
        guard let value = values[field.rawValue], value.kind != .null else {
            throw ScanError("field \"\(field.name)\" is missing")
        }
        return value
    }

    /// A whole number within `range`.
    func integer(_ field: TraceField, in range: ClosedRange<Int64>) throws(ScanError) -> Int64 {
        let value = try value(field)
        guard value.kind == .number, let number = wholeNumber(value), range.contains(number) else {
            throw ScanError("field \"\(field.name)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func optionalInteger(_ field: TraceField, in range: ClosedRange<Int64>) throws(ScanError) -> Int64? {
        has(field) ? try integer(field, in: range) : nil
    }

    func seq(_ field: TraceField) throws(ScanError) -> SeqNum {
        SeqNum(UInt32(try integer(field, in: 0 ... Int64(UInt32.max))))
    }

    func port(_ field: TraceField) throws(ScanError) -> UInt16 {
        UInt16(try integer(field, in: 0 ... Int64(UInt16.max)))
    }

    /// Milliseconds with up to three decimals ("1010", "1010.5"), as microseconds.
    func milliseconds(_ field: TraceField) throws(ScanError) -> Micros {
        let value = try value(field)
        guard value.kind == .number, let micros = millisecondsValue(value) else {
            throw ScanError("field \"\(field.name)\" must be milliseconds from 0, with at most three decimals")
        }
        return micros
    }

    func bool(_ field: TraceField) throws(ScanError) -> Bool {
        let value = try value(field)
        guard value.kind == .bool else { throw ScanError("field \"\(field.name)\" must be true or false") }
        return bytes[value.start] == UInt8(ascii: "t")
    }

    func string(_ field: TraceField) throws(ScanError) -> String {
        let value = try value(field)
        guard value.kind == .string else { throw ScanError("field \"\(field.name)\" must be a string") }
        return try decode(value)
    }

    /// True when the string field is exactly `word` (no String made).
    func stringIs(_ value: ScannedValue, _ word: [UInt8]) -> Bool {
        guard !value.escaped, value.end - value.start == word.count else { return false }
        for offset in 0 ..< word.count where bytes[value.start + offset] != word[offset] { return false }
        return true
    }

    /// One of `choices` by its name, or an error listing them.
    func choice<T>(_ field: TraceField, _ choices: [(T, [UInt8])], what: String) throws(ScanError) -> T {
        let value = try value(field)
        guard value.kind == .string else { throw ScanError("field \"\(field.name)\" must be a string") }
        for (choice, name) in choices where stringIs(value, name) { return choice }
        let text = (try? decode(value)) ?? "?"
        throw ScanError("unknown \(what) \"\(text)\" in field \"\(field.name)\"")
    }

    /// The flags array: ["SYN","ACK"].
    func flags(_ field: TraceField) throws(ScanError) -> TCPFlags {
        let value = try value(field)
        guard value.kind == .array else { throw ScanError("field \"\(field.name)\" must be an array of flag names") }
        var flags: TCPFlags = []
        var position = value.start + 1
        while position < value.end - 1 {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                var close = position + 1
                while close < value.end && bytes[close] != UInt8(ascii: "\"") { close += 1 }
                let name = ScannedValue(kind: .string, start: position + 1, end: close)
                guard let flag = TCPFlags.byName.first(where: { stringIs(name, $0.1) })?.0 else {
                    throw ScanError("unknown flag \"\(String(decoding: bytes[(position + 1)..<close], as: UTF8.self))\" in field \"flags\" (known: SYN, FIN, RST, PSH, ACK)")
                }
                flags.insert(flag)
                position = close + 1
            } else if byte == UInt8(ascii: ",") || byte == 0x20 {
                position += 1
            } else {
                throw ScanError("field \"\(field.name)\" must be an array of flag names")
            }
        }
        return flags
    }

    // MARK: - Conversions

    private func wholeNumber(_ value: ScannedValue) -> Int64? {
        var position = value.start
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard position < value.end else { return nil }
        var number: Int64 = 0
        while position < value.end {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            number = sum
            position += 1
        }
        return negative ? -number : number
    }

    private func millisecondsValue(_ value: ScannedValue) -> Micros? {
        var position = value.start
        var whole: Int64 = 0
        var digits = 0
        while position < value.end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
            let (times, overflow1) = whole.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            whole = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        var fraction: Int64 = 0
        var scale: Int64 = 1_000
        if position < value.end {
            guard bytes[position] == UInt8(ascii: "."), value.end - position >= 2, value.end - position <= 4 else { return nil }
            position += 1
            while position < value.end {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                scale /= 10
                fraction += Int64(digit) * scale
                position += 1
            }
        }
        let (micros, overflow) = whole.multipliedReportingOverflow(by: 1_000)
        guard !overflow, micros <= Int64.max - fraction else { return nil }
        return micros + fraction
    }

    private func decode(_ value: ScannedValue) throws(ScanError) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[value.start..<value.end])
        guard value.escaped else {
            guard let text = String(validating: raw, as: UTF8.self) else { throw ScanError("a string is not valid UTF-8") }
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        var pendingHigh: UInt32?
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let code = raw[index + 1]
            index += 2
            var scalarValue: UInt32
            switch code {
            case UInt8(ascii: "b"): scalarValue = 0x08
            case UInt8(ascii: "f"): scalarValue = 0x0C
            case UInt8(ascii: "n"): scalarValue = 0x0A
            case UInt8(ascii: "r"): scalarValue = 0x0D
            case UInt8(ascii: "t"): scalarValue = 0x09
            case UInt8(ascii: "u"):
                scalarValue = 0
                for offset in 0 ..< 4 { scalarValue = scalarValue * 16 + (Self.hexValue(raw[index + offset]) ?? 0) }
                index += 4
            default: scalarValue = UInt32(code)
            }
            if (0xD800 ... 0xDBFF).contains(scalarValue) {
                pendingHigh = scalarValue
                continue
            }
            if (0xDC00 ... 0xDFFF).contains(scalarValue) {
                guard let high = pendingHigh else { throw ScanError("a lone surrogate in a `\\u` escape") }
                scalarValue = 0x10000 + ((high - 0xD800) << 10) + (scalarValue - 0xDC00)
                pendingHigh = nil
            } else if pendingHigh != nil {
                throw ScanError("a lone surrogate in a `\\u` escape")
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw ScanError("an invalid `\\u` escape") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        if pendingHigh != nil { throw ScanError("a lone surrogate in a `\\u` escape") }
        guard let text = String(validating: out, as: UTF8.self) else { throw ScanError("a string is not valid UTF-8") }
        return text
    }
}

extension TCPFlags {
    /// Flag names as bytes, for the reader.
    static let byName: [(TCPFlags, [UInt8])] = displayOrder.map { ($0.0, Array($0.1.utf8)) }
}
