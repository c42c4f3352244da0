import Foundation

/// A fresh directory for one test's files, removed when the test's closure returns or throws.
enum TemporaryDirectory {
    static func with<T>(_ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "sluice-interop-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }
}
