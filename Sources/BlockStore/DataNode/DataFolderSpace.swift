#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// The size of the file system a data folder lives on and how much of it this process may still
/// fill, as `statvfs` tells.
public struct DataFolderSpace: Sendable, Equatable {
    public var capacityBytes: Int64
    /// Free bytes available to unprivileged writers (`f_bavail`).
    public var availableBytes: Int64

    public init(capacityBytes: Int64, availableBytes: Int64) {
        self.capacityBytes = capacityBytes
        self.availableBytes = availableBytes
    }

    /// Asks the operating system about the file system holding `path`.
    /// - Throws: `SluiceError.io` when `statvfs` fails.
    @Sendable
    public static func probe(_ path: String) throws -> DataFolderSpace {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else {
            throw SluiceError.io("cannot read the free space of '\(path)': \(String(cString: strerror(errno)))")
        }
        let unit = Int64(info.f_frsize)
        return DataFolderSpace(capacityBytes: Int64(info.f_blocks) * unit, availableBytes: Int64(info.f_bavail) * unit)
    }
}
