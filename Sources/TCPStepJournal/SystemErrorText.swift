#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's words for a failed file operation ("Permission denied"), as the other messages
/// say them (`strerror`). FoundationEssentials' file errors carry the errno but, without the full
/// Foundation (and its 40 MB of ICU) linked in, no localized text.
public func systemErrorText(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    if let cocoa = error as? CocoaError {
        if let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return "file error \(cocoa.code.rawValue)"
    }
    return "\(error)"
}
