#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import TCPStepApp

/// A journal on disk, written so that a crash loses at most the last action. Every edit is one
/// `pwrite` into the kernel before the frame that shows its result is painted (SIGKILL cannot
/// undo it); a rewrite goes to a new file renamed over the old one, so the path always holds a
/// whole journal. An `fdatasync` follows in the background (for power loss) without holding up
/// the step.
public final class JournalFile {
    public let path: String
    private var descriptor: Int32
    /// Where the `open-at` line starts: the length of everything before it.
    private var bodyBytes = 0

    /// Opens (creating) the journal at `path`. Never empties it: a resumed journal stays whole
    /// until the first edit, a whole new text, replaces it in one rename.
    public init(path: String) throws(JournalFileError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw JournalFileError(path: path, action: "create", code: errno) }
    }

    deinit { close(descriptor) }

    /// Writes the edits in order.
    public func apply(_ edits: [JournalRecorder.Edit]) throws(JournalFileError) {
        for edit in edits {
            switch edit {
            case .rewrite(let body, let openAt):
                try replace(with: body, openAt: openAt)
            case .append(let lines, let openAt):
                try write(lines + openAt + "\n", at: bodyBytes)
                bodyBytes += lines.utf8.count
                syncInBackground()
            case .moveTo(let openAt):
                try write(openAt + "\n", at: bodyBytes)
            }
        }
    }

    /// A whole new journal: written beside the old one, then renamed over it (atomic).
    private func replace(with body: String, openAt: String) throws(JournalFileError) {
        let temporary = path + ".tmp"
        let fresh = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fresh < 0 { throw JournalFileError(path: temporary, action: "create", code: errno) }
        let old = descriptor
        descriptor = fresh
        bodyBytes = 0
        do {
            try write(body + openAt + "\n", at: 0)
        } catch {
            close(fresh)
            descriptor = old
            unlink(temporary)
            throw error
        }
        fdatasync(fresh)
        if rename(temporary, path) != 0 {
            let code = errno
            close(fresh)
            descriptor = old
            throw JournalFileError(path: path, action: "replace", code: code)
        }
        close(old)
        bodyBytes = body.utf8.count
    }

    private func write(_ text: String, at offset: Int) throws(JournalFileError) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw JournalFileError(path: path, action: "write", code: errno)
            }
            if written == 0 { throw JournalFileError(path: path, action: "write", code: ENOSPC) }
            done += written
        }
        bytes.removeAll()
    }

    private func syncInBackground() {
        let descriptor = descriptor
        DispatchQueue.global(qos: .utility).async { _ = fdatasync(descriptor) }
    }
}

/// A journal that could not be written, with the system's reason.
public struct JournalFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var action: String
    public var code: Int32

    public init(path: String, action: String, code: Int32) {
        self.path = path
        self.action = action
        self.code = code
    }

    public var description: String { "cannot \(action) \(path): \(String(cString: strerror(code)))" }
}
