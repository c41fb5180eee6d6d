import TCPStepCore
import TCPStepNarration
import TCPStepScenario

/// What `e` hands to the exporter: the diagram as it stands now. The app stays free of I/O;
/// the command line installs `AppModel.snapshotExporter`, which writes the files and returns
/// the line for the status bar.
public struct SnapshotRequest: Sendable {
    public var scenario: Scenario
    public var events: [TraceEvent]
    /// The newest step shown, for the file names.
    public var step: Int
    public var language: NarrationLanguage
    public var absoluteNumbers: Bool
}

public typealias SnapshotExporter = @Sendable (SnapshotRequest) -> String

extension AppModel {
    mutating func exportSnapshot() {
        guard let snapshotExporter else {
            status = text(.statusExportUnavailable)
            return
        }
        let events = Array(source.events)
        status = snapshotExporter(SnapshotRequest(scenario: scenario, events: events, step: events.last?.step ?? 0,
                                                  language: options.language, absoluteNumbers: absoluteNumbers))
    }
}
