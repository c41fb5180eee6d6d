import Foundation
import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario
import GoldenFiles
import Testing

@testable import TCPStepApp

/// Builds app models on the built-in scenarios and drives them the way the terminal loop does.
enum AppFixture {
    /// A model on built-in scenario `name`, already resized to `width` × `height`.
    static func model(_ name: String, language: NarrationLanguage = .english, presenter: Bool = false,
                      quiz: Bool = false, ascii: Bool = false, width: Int = 100, height: Int = 30) throws -> AppModel {
        let scenario = try #require(try BuiltinScenarios.scenario(named: name))
        var options = AppOptions()
        options.language = language
        options.presenter = presenter
        options.quiz = quiz
        options.ascii = ascii
        var model = AppModel(scenario: scenario, options: options)
        _ = model.update(.resize(width: width, height: height))
        return model
    }
}

extension AppModel {
    /// Presses a key as the terminal loop would: through the key map, or to the open overlay.
    @discardableResult
    mutating func press(_ key: Key) -> [AppCommand] {
        guard let message = KeyBindings.message(for: .key(key), overlayOpen: isOverlayOpen) else { return [] }
        return update(message)
    }

    /// Presses a printable key.
    @discardableResult
    mutating func press(_ character: Character) -> [AppCommand] { press(.character(character)) }

    /// Steps forward `count` times.
    mutating func step(_ count: Int) {
        for _ in 0 ..< count { _ = update(.stepForward) }
    }

    /// The frame as plain text.
    mutating func screenText() -> String { frame().text }

    /// The live run's stepper (these tests open scenarios, never recordings).
    var stepper: Stepper { source.stepper! }

    /// The state the host's panel shows now (read from the trace, as the header does).
    func state(of host: HostID) -> TCPState { TraceFold(events: source.events).hostFacts(host).state }

    /// The trace events the last move added (those after `count` events).
    func events(after count: Int) -> ArraySlice<TraceEvent> { source.events.dropFirst(count) }
}

/// Golden files under Tests/TCPStepAppTests/Golden.
let appGolden = GoldenFolder(besides: #filePath)

/// Checks that a frame's columns line up, whatever the characters in it.
enum FrameAlignment {
    /// Row `y` with every cell, trailing blanks included: what the terminal shows.
    static func fullRow(_ grid: CellGrid, _ y: Int) -> String {
        var line = ""
        for x in 0 ..< grid.width {
            if let glyph = grid[x: x, y: y].glyph { line.append(glyph) }
        }
        return line
    }

    /// Every row is exactly as wide as the grid, every wide glyph owns the cell to its right
    /// (and nothing else is a continuation), and the frame's right edge is in the last column
    /// of every row, also when measured on the text, as a terminal would place it.
    static func check(_ grid: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
        let right = grid.width - 1
        let rightEdges: Set<Character> = ["│", "┤", "┐", "┘", "|", "+"]
        for y in 0 ..< grid.height {
            let line = fullRow(grid, y)
            #expect(CellGrid.displayWidth(of: line) == grid.width, "row \(y) is \(CellGrid.displayWidth(of: line)) columns: \(line)",
                    sourceLocation: sourceLocation)
            for x in 0 ..< grid.width {
                let cell = grid[x: x, y: y]
                if cell.isContinuation {
                    let left = x > 0 ? grid[x: x - 1, y: y].glyph : nil
                    #expect(left.map { CellGrid.displayWidth(of: $0) } == 2, "stray continuation at \(x),\(y)",
                            sourceLocation: sourceLocation)
                } else if let glyph = cell.glyph, CellGrid.displayWidth(of: glyph) == 2 {
                    #expect(grid[x: x + 1, y: y].isContinuation, "wide \(glyph) at \(x),\(y) is split",
                            sourceLocation: sourceLocation)
                }
            }
            let last = grid[x: right, y: y].glyph ?? " "
            #expect(rightEdges.contains(last), "row \(y) ends in \(last), not the frame", sourceLocation: sourceLocation)
            // Measured on the text: everything before the edge takes exactly `right` columns.
            let beforeEdge = String(line.dropLast())
            #expect(CellGrid.displayWidth(of: beforeEdge) == right, "row \(y): the right edge is not at column \(right)",
                    sourceLocation: sourceLocation)
        }
    }
}
