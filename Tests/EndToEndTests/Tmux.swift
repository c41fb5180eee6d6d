import Foundation

/// A private tmux server with one window running a command, driven like a person would:
/// `send-keys`, then read the screen with `capture-pane` until the expected text shows.
final class Tmux {
    let socket: String
    let session = "e2e"
    private(set) var width: Int
    private(set) var height: Int

    static var isAvailable: Bool { Shell.run("command -v tmux").status == 0 }

    /// Starts `bash --norc` in a detached window of the given size.
    init(width: Int = 120, height: Int = 40) throws {
        socket = "tcpstep-e2e-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        self.width = width
        self.height = height
        let start = Shell.run("tmux -L \(socket) -f /dev/null new-session -d -s \(session) -x \(width) -y \(height) 'env -i PATH=\"$PATH\" HOME=\"$HOME\" TERM=tmux-256color LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no PS1=\"PROMPT> \" bash --norc --noprofile' >/dev/null 2>&1")
        // (The server it starts must not inherit our pipe, or reading the output would never end.)
        guard start.status == 0 else { throw TmuxError.failed("new-session exited \(start.status)") }
        Shell.run("tmux -L \(socket) set-option -g status off")
        _ = try waitFor("PROMPT>")
    }

    deinit { Shell.run("tmux -L \(socket) kill-server") }

    /// Types a shell command line and presses Enter.
    func type(_ line: String) {
        Shell.run("tmux -L \(socket) send-keys -t \(session) -l \(Shell.quote(line))")
        Shell.run("tmux -L \(socket) send-keys -t \(session) Enter")
    }

    /// Presses keys by tmux name: "Space", "Left", "d", "C-c", "Tab" …
    func press(_ keys: String...) {
        for key in keys { Shell.run("tmux -L \(socket) send-keys -t \(session) \(Shell.quote(key))") }
    }

    func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        Shell.run("tmux -L \(socket) resize-window -t \(session) -x \(width) -y \(height)")
    }

    /// The screen as text.
    func screen() -> String { Shell.run("tmux -L \(socket) capture-pane -p -t \(session)").output }

    /// Polls the screen until `text` appears (or `predicate` holds); throws with the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(timeout: Double = 10, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw TmuxError.timeout(what, last)
    }

    /// What tmux knows of the terminal's modes: "alternate=0 cursor=1 mouse=0" when a program
    /// has left it as it found it (alternate screen off, cursor shown, no mouse reporting).
    func terminalModes() -> String {
        Shell.run("tmux -L \(socket) display-message -p -t \(session) 'alternate=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}'")
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the program running in the window's foreground (our tcpstep).
    func foregroundPID(named name: String) -> Int32? {
        let pane = Shell.run("tmux -L \(socket) display-message -p -t \(session) '#{pane_pid}'").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = Shell.run("pgrep -P \(pane) -x \(name)").output.trimmingCharacters(in: .whitespacesAndNewlines)
        if let pid = Int32(children.split(separator: "\n").first ?? "") { return pid }
        // Run under `sh -c`: a grandchild of the pane's shell.
        let shells = Shell.run("pgrep -P \(pane)").output.split(separator: "\n")
        for shell in shells {
            let grandchildren = Shell.run("pgrep -P \(shell) -x \(name)").output.trimmingCharacters(in: .whitespacesAndNewlines)
            if let pid = Int32(grandchildren.split(separator: "\n").first ?? "") { return pid }
        }
        return nil
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case failed(String)
    case timeout(String, String)
    var description: String {
        switch self {
        case .failed(let text): "tmux failed: \(text)"
        case .timeout(let what, let screen): "timed out waiting for \(what); the screen was:\n\(screen)"
        }
    }
}

/// Runs shell commands for the tests. popen, not Foundation's Process: Process watches its
/// child through a descriptor that the tmux server (a daemon) would inherit, and then waits forever.
enum Shell {
    @discardableResult
    static func run(_ command: String) -> (status: Int32, output: String) {
        guard let pipe = popen(command + " 2>&1", "r") else { return (-1, "popen failed") }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        let status = pclose(pipe)
        return ((status >> 8) & 0xff, String(decoding: output, as: UTF8.self))
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// The tcpstep binary that `swift test` built next to the test bundle.
enum Binary {
    static var path: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("tcpstep").path]
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/tcpstep").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
}
