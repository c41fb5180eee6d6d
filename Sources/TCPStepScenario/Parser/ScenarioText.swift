/// The bytes of a scenario file turned into text, or an error at the first byte that is not
/// UTF-8, as `file:line:col` like every other scenario error (columns count characters, so the
/// column is the one an editor shows for the bad byte).
public enum ScenarioText {
    /// The largest scenario file read: far beyond any hand-written story, small enough that
    /// reading one never threatens memory.
    public static let maximumBytes = 16 * 1024 * 1024

    public static func decode(_ bytes: [UInt8], fileName: String) throws(ScenarioError) -> String {
        guard let badOffset = firstInvalidOffset(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let before = String(decoding: bytes[..<badOffset], as: UTF8.self)
        // The prefix may end in a CR whose LF is the bad byte's neighbour; counting lines the
        // parser's way keeps line numbers the same as for any other error in the file.
        let lines = ScenarioParser.lines(before)
        let column = (lines.last?.count ?? 0) + 1
        let byte = String(bytes[badOffset], radix: 16, uppercase: true)
        throw ScenarioError(file: fileName, line: lines.count, column: column,
                            message: "byte 0x\(byte) is not UTF-8 text; save the file as UTF-8")
    }

    /// Where the first invalid UTF-8 sequence starts, or nil when all of it is valid.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
