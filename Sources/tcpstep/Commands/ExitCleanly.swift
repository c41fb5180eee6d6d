import ArgumentParser
import Foundation

/// Turns our user-facing failures into "message on stderr, exit 1", never a crash dump.
func exitCleanly(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CleanExit {
        FileHandle.standardError.write(Data((failure.description + "\n").utf8))
        throw ExitCode(1)
    }
}
