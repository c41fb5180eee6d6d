import TCPStepCore
import TCPStepNarration
import TCPStepRender

/// The language of an export's own words (host names, "later", the player's buttons). State
/// names and segment labels are the same in every language: they are the protocol's words.
public enum ExportLanguage: String, CaseIterable, Hashable, Sendable {
    case english = "en"
    case chinese = "zh"

    public init(_ language: NarrationLanguage) {
        self = language == .chinese ? .chinese : .english
    }

    public var narration: NarrationLanguage { self == .chinese ? .chinese : .english }
    /// For `lang` / `xml:lang`, so that viewers pick fonts with the Chinese glyph shapes.
    public var tag: String { self == .chinese ? "zh-Hans" : "en" }
}

/// The few words an export writes itself, in both languages.
struct LadderWords {
    let language: ExportLanguage

    init(_ language: ExportLanguage) { self.language = language }

    private var zh: Bool { language == .chinese }

    func host(_ host: HostID) -> String {
        switch host {
        case .client: zh ? "客户端" : "client"
        case .server: zh ? "服务器" : "server"
        }
    }

    /// "profile rfc9293 · client 10.0.0.1:5000 ⇄ server 10.0.0.2:80"; a recording or a capture
    /// says what it is instead of a profile.
    func subtitle(origin: TraceOrigin, lifelines: [Ladder.Lifeline]) -> String {
        let ends = lifelines.map { line in
            "\(line.name) \(line.address)" + (line.port.map { ":\($0)" } ?? "")
        }
        let source = origin.kind == .simulation
            ? (zh ? "行为：" : "profile ") + (origin.profile?.rawValue ?? "")
            : (zh ? UIText.chinese : UIText.english).origin(origin)
        return source + " · " + ends.joined(separator: " ⇄ ")
    }

    /// "925 ms later" / "925 毫秒后".
    func later(_ elapsed: Micros) -> String {
        let text = elapsed.durationText
        guard zh else { return text + " later" }
        return text.replacingSuffix(" ms", with: " 毫秒").replacingSuffix(" s", with: " 秒")
            .replacingSuffix(" min", with: " 分钟") + "后"
    }

    func note(_ note: LifelineNote, step: Int) -> Ladder.Note {
        switch note {
        case .state(let state, let cause):
            return Ladder.Note(kind: .state(state), text: cause == .hostCrashed ? "\(state.name)/crash" : state.name, step: step)
        case .timerFired(let kind):
            return Ladder.Note(kind: .timer, text: LadderBuilder.label(kind, attempt: 0) + (zh ? " 超时" : " fired"), step: step)
        case .timerRestarted(let kind):
            return Ladder.Note(kind: .timer, text: LadderBuilder.label(kind, attempt: 0) + (zh ? " 重新计时" : " again"), step: step)
        }
    }

    var lost: String { zh ? "丢失" : "lost" }
    var absoluteFootnote: String {
        zh ? "#90 = 绝对序号：该报文不属于任何已建立的连接化身（旧的或注入的报文）"
            : "#90 = an absolute number: the segment belongs to no incarnation seen to open (a stale or injected one)"
    }
    var inFlight: String { zh ? "传输中" : "in flight" }
    var time: String { zh ? "时间" : "time" }
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
