#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text straight to standard error or output, all of it and unbuffered, with no Foundation
/// (`FileHandle` would link all of Foundation and ICU into the binary, doubling its memory).
enum StandardStream {
    static func error(_ text: String) { write(text, to: 2) }

    /// Straight to the descriptor, past `print`'s buffer: a pipe sees the text at once.
    static func output(_ text: String) { write(text, to: 1) }

    /// A failure is dropped: there is nowhere left to report it.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var written = 0
            while written < buffer.count {
                #if canImport(Glibc)
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                #else
                let result = Darwin.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                #endif
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { return }
                written += result
            }
        }
    }
}

extension StringProtocol {
    /// Cut or filled with spaces to `length` characters (a table column).
    func padded(to length: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: " ", count: length - count)
    }

    /// Without the leading and trailing characters `drop` picks.
    func trimming(_ drop: (Character) -> Bool) -> String {
        var text = self[...].drop(while: drop)
        while let last = text.last, drop(last) { text.removeLast() }
        return String(text)
    }
}
