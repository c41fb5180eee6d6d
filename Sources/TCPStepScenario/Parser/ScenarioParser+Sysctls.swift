import TCPStepCore

// The settings added with application reads and Linux's knobs: `set tcp_…`, `set autoread`,
// `set rcvbuf`. Kept apart from the core settings so each file keeps one job.

extension ScenarioParser {
    /// `set tcp_syn_retries 2`: a Linux sysctl. Its value is checked now; whether the profile is
    /// Linux is checked once the whole file is read (`set profile` may come later).
    mutating func parseSysctl(_ tokens: [Token]) throws(ScenarioError) {
        let name = tokens[1], value = tokens[2]
        guard let sysctl = Sysctl(rawValue: String(name.text)) else {
            let known = Sysctl.allCases.map(\.name).joined(separator: ", ")
            throw error(name.column, "unknown Linux sysctl `\(name.text)`; tcpstep knows \(known)")
        }
        guard let number = sysctl.parse(value.text) else {
            throw error(value.column, "`\(sysctl.name)` needs \(sysctl.expected), found `\(value.text)`")
        }
        try expectEnd(tokens, 3)
        appendSysctl(SysctlSetting(sysctl, number), line: lineNumberNow, column: name.column)
    }

    /// `set autoread off` (both hosts) or `set autoread server off`: whether the application
    /// reads what arrives at once (on, the default) or only when the scenario says `read`.
    mutating func parseAutoRead(_ tokens: [Token], into config: inout SimulationConfig) throws(ScenarioError) {
        let (hosts, valueIndex) = try hostsAndValueIndex(tokens, setting: "autoread", example: "set autoread server off")
        let value = tokens[valueIndex]
        let on: Bool
        switch value.text {
        case "on": on = true
        case "off": on = false
        default: throw error(value.column, "`set autoread` needs on or off, found `\(value.text)`")
        }
        for host in hosts { config.autoRead[host.rawValue] = on }
        try expectEnd(tokens, valueIndex + 1)
    }

    /// `set rcvbuf 4000` (both hosts) or `set rcvbuf server 4000`: the receive buffer, hence the
    /// largest window the host advertises (no window scaling: at most 65,535 bytes).
    mutating func parseReceiveBuffer(_ tokens: [Token], into config: inout SimulationConfig) throws(ScenarioError) {
        let (hosts, valueIndex) = try hostsAndValueIndex(tokens, setting: "rcvbuf", example: "set rcvbuf server 4000")
        let value = tokens[valueIndex]
        guard let bytes = Int(value.text), (1...65535).contains(bytes) else {
            throw error(value.column, "`set rcvbuf` needs a number of bytes from 1 to 65535, found `\(value.text)`")
        }
        for host in hosts { config.receiveBuffers[host.rawValue] = bytes }
        try expectEnd(tokens, valueIndex + 1)
    }

    /// An optional `client` / `server` after the setting's name; without it, both hosts.
    private func hostsAndValueIndex(_ tokens: [Token], setting: String, example: String) throws(ScenarioError) -> ([HostID], Int) {
        guard let host = ValueParsers.host(tokens[2].text) else { return (HostID.allCases, 2) }
        guard tokens.count >= 4 else {
            throw error(tokens[2].column + tokens[2].text.count, "`set \(setting) \(tokens[2].text)` needs a value, as in `\(example)`")
        }
        return ([host], 3)
    }

    /// `HOST read 100` or `HOST read all`.
    func parseRead(_ tokens: [Token]) throws(ScenarioError) -> AppCall {
        let verb = tokens[1]
        guard tokens.count >= 3 else {
            throw error(verb.column + verb.text.count, "`read` needs a number of bytes or `all`, as in `server read 100`")
        }
        let amount = tokens[2]
        try expectEnd(tokens, 3)
        if amount.text == "all" { return .read(bytes: nil) }
        guard let bytes = Int(amount.text), bytes > 0, bytes <= 1 << 30 else {
            throw error(amount.column, "`read` needs a positive number of bytes or `all`, found `\(amount.text)`")
        }
        return .read(bytes: bytes)
    }
}

/// A sysctl as the scenario wrote it, with where, for the Linux-only check at the end.
struct PendingSysctl {
    var setting: SysctlSetting
    var line: Int
    var column: Int
}

extension Scenario {
    /// Applies a Linux sysctl to the scenario's profile. Under `rfc9293` there are none: the
    /// message says so, and the caller puts it in front of the place that asked.
    public mutating func apply(_ setting: SysctlSetting) throws(SysctlRejection) {
        guard config.profile.name == .linux else { throw SysctlRejection(sysctl: setting.sysctl, profile: config.profile.name) }
        setting.sysctl.apply(setting.value, to: &config.profile)
        sysctls.removeAll { $0.sysctl == setting.sysctl }
        sysctls.append(setting)
    }

    /// The profile named, with this scenario's sysctls on top again (`--profile` overrides).
    public mutating func switchProfile(to name: ProfileName) throws(SysctlRejection) {
        config.profile = .named(name)
        let settings = sysctls
        sysctls = []
        for setting in settings { try apply(setting) }
    }
}

/// A Linux-only knob under a profile that is not Linux.
public struct SysctlRejection: Error, Hashable, Sendable, CustomStringConvertible {
    public var sysctl: Sysctl
    public var profile: ProfileName
    public init(sysctl: Sysctl, profile: ProfileName) {
        self.sysctl = sysctl
        self.profile = profile
    }
    public var description: String {
        "`\(sysctl.name)` is Linux-only (a Linux sysctl), but the profile is \(profile.rawValue); add `set profile linux` or use --profile linux"
    }
}
