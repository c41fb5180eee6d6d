import Foundation
import TCPStepCapture
import TCPStepCore
import Testing

/// Captures made by the tests themselves: tcpdump on the loopback interface while Python's
/// sockets play a story (Fixtures/capture.py). Each capture is made once per test run.
enum RealCapture {
    struct Options: Hashable {
        var iface = "lo"
        var ipv6 = false
        var link: String?
        var nano = false
        var pcapng = false
        var bigEndian = false
    }

    private static let cache = Mutex()
    static let directory: String = {
        let path = NSTemporaryDirectory() + "tcpstep-captures-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The path of a capture of `story`; fails the test (never skips) when tcpdump or python3 is missing.
    static func make(_ story: String, _ options: Options = Options()) throws -> String {
        try cache.once(key: "\(story)-\(options)") {
            let path = directory + "/\(story)-\(abs("\(options)".hashValue)).pcap"
            var arguments = [script, story, path, "--iface", options.iface]
            if options.ipv6 { arguments.append("--ipv6") }
            if let link = options.link { arguments += ["--link", link] }
            if options.nano { arguments.append("--nano") }
            if options.pcapng { arguments.append("--pcapng") }
            if options.bigEndian { arguments.append("--big-endian") }
            let result = run("/usr/bin/env", ["python3"] + arguments)
            guard result.status == 0 else {
                throw CaptureFailure(message: "capture.py \(story) failed (tcpdump and python3 are needed; CI installs them): \(result.output)")
            }
            return path
        }
    }

    /// Opens the default connection of a capture, inferred with `profile`.
    static func story(_ story: String, _ options: Options = Options(), profile: Profile = .rfc9293) throws -> CapturedStory {
        try CaptureFile.open(make(story, options), selector: nil, profile: profile)
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/capture.py").path
    }

    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct CaptureFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Makes each capture once even when tests ask for it in parallel; different captures are
/// made at the same time (one lock per key).
final class Mutex: @unchecked Sendable {
    private let lock = NSLock()
    private var locks: [String: NSLock] = [:]
    private var values: [String: String] = [:]

    func once(key: String, _ make: () throws -> String) throws -> String {
        lock.lock()
        let keyLock = locks[key] ?? NSLock()
        locks[key] = keyLock
        lock.unlock()
        keyLock.lock()
        defer { keyLock.unlock() }
        lock.lock()
        let cached = values[key]
        lock.unlock()
        if let cached { return cached }
        let value = try make()
        lock.lock()
        values[key] = value
        lock.unlock()
        return value
    }
}
