import Foundation
import SluiceCore
@testable import Warehouse

/// The data files of a table folder, as paths relative to it.
enum DataFiles {
    /// Every Parquet file under the folder, outside `_delta_log`.
    static func onDisk(_ tablePath: String) throws -> Set<String> {
        Set(try allFiles(tablePath).filter { $0.hasSuffix(".parquet") && !$0.hasPrefix("_delta_log/") && !isHidden($0) })
    }

    /// Temporary files of unfinished writes (hidden names), anywhere in the folder.
    static func temporaryFiles(_ tablePath: String) throws -> [String] {
        try allFiles(tablePath).filter(isHidden)
    }

    /// Every file any version of the log added.
    static func everReferenced(_ table: Table) throws -> Set<String> {
        var paths: Set<String> = []
        for version in try table.log.list().commitVersions {
            for case .add(let file) in try table.log.readCommit(version) { paths.insert(DeltaPath.decode(file.path)) }
        }
        return paths
    }

    private static func isHidden(_ relativePath: String) -> Bool {
        relativePath.split(separator: "/").last?.hasPrefix(".") ?? false
    }

    private static func allFiles(_ tablePath: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: tablePath) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: tablePath + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        return files
    }
}
