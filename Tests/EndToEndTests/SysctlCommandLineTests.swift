import Foundation
import Testing

/// `--sysctl NAME=VALUE` as a shell user meets it: it wins over the file, a bad value or a
/// Linux-only knob under rfc9293 is one clear line and a non-zero exit.
@Suite("--sysctl")
struct SysctlCommandLineTests {
    private func run(_ arguments: String) -> (status: Int32, output: String) {
        Shell.run("env TERM=xterm-256color \(Shell.quote(Binary.path)) \(arguments) < /dev/null 2>&1")
    }

    @Test("The command line wins over the scenario: connect() times out at 3 s instead of 7 s")
    func commandLineWins() throws {
        let path = NSTemporaryDirectory() + "sysctl-\(getpid()).tcps"
        try "set profile linux\nset tcp_syn_retries 2\nclient connect 80 from 5000\n" .appending((1...9).map { "drop c2s SYN#\($0)\n" }.joined())
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = run("trace \(path) --json")
        #expect(fromFile.output.contains(#"{"t":7000,"step":13,"event":"app","host":"client","call":"connect","args":"80 from 5000","result":"error: connection timed out (ETIMEDOUT)"}"#))
        let overridden = run("trace \(path) --json --sysctl tcp_syn_retries=1 --sysctl tcp_syn_linear_timeouts=0")
        #expect(overridden.status == 0)
        #expect(overridden.output.contains(#""t":3000,"step":5,"event":"app","host":"client","call":"connect","args":"80 from 5000","result":"error: connection timed out (ETIMEDOUT)""#))
    }

    @Test("Bad values and Linux-only knobs: one line, exit 1")
    func rejected() {
        let bad = run("trace basic --profile linux --sysctl tcp_fin_timeout=soon")
        #expect(bad.status == 1)
        #expect(bad.output == "tcpstep: --sysctl 'tcp_fin_timeout=soon': tcp_fin_timeout needs a whole number of seconds from 1 to 86400, such as 2s or 30\n")
        let rfc = run("trace basic --sysctl tcp_rfc1337=1")
        #expect(rfc.status == 1)
        #expect(rfc.output.contains("`tcp_rfc1337` is Linux-only"))
        let unknown = run("trace basic --profile linux --sysctl net.ipv4.tcp_rfc1337=1")
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("expected NAME=VALUE with NAME one of tcp_syn_retries"))
    }
}
