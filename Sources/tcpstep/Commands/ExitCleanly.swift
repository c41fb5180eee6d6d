import ArgumentParser
import TCPStepCore
import TCPStepCapture

/// Turns our user-facing failures into "message on stderr, exit 1", never a crash dump. The
/// message may quote the user's input, so its control characters are shown as escapes.
func exitCleanly(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CleanExit {
        printError(failure.description)
        throw ExitCode(1)
    }
}

/// One line (or several) on stderr, control characters made visible.
func printError(_ message: String) {
    StandardStream.error(TerminalText.visible(message, keepingNewlines: true) + "\n")
}

/// A capture's error as the user's one-line message.
@discardableResult
func reportingCaptureErrors<T>(_ body: () throws(CaptureError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CleanExit.message(error.description)
    }
}
