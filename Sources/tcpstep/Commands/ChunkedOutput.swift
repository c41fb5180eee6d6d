#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines for stdout, printed 60 KB at a time: one `print` per line is slow for a million lines,
/// and the whole output as one string would double the memory of a long run.
struct ChunkedOutput {
    private var buffer = ""

    init() { buffer.reserveCapacity(64 * 1024) }

    mutating func line(_ text: String) {
        buffer += text
        buffer += "\n"
        if buffer.utf8.count > 60 * 1024 { flush() }
    }

    mutating func flush() {
        print(buffer, terminator: "")
        buffer.removeAll(keepingCapacity: true)
        fflush(nil)  // before any message on stderr, so they show in order (nil: all streams)
    }
}
