import ArgumentParser
import Foundation
import TCPStepCapture

/// Turns our user-facing failures into "message on stderr, exit 1", never a crash dump.
func exitCleanly(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CleanExit {
        FileHandle.standardError.write(Data((failure.description + "\n").utf8))
        throw ExitCode(1)
    }
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
