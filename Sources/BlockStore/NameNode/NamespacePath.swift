/// Parsing and joining of namespace paths. A path is absolute; repeated and trailing slashes are
/// dropped as Hadoop's `Path` does, while `.`, `..` and over-long components are refused because
/// the namespace never resolves them.
public enum NamespacePath {
    /// HDFS's `dfs.namenode.fs-limits.max-component-length`.
    public static let componentLengthBytesMax = 255

    /// The components of `path`, root first; `[]` for "/".
    /// - Throws: `BlockStoreError(.illegalArgument)` for relative paths, `.`/`..` components and
    ///   components longer than `componentLengthBytesMax`.
    public static func components(of path: String) throws -> [String] {
        guard path.hasPrefix("/") else {
            throw BlockStoreError(.illegalArgument, "Invalid path name: \(path) is not an absolute path")
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for component in components {
            if component == "." || component == ".." {
                throw BlockStoreError(.illegalArgument, "Invalid path name Invalid file name: \(path)")
            }
            if component.utf8.count > componentLengthBytesMax {
                throw BlockStoreError(
                    .illegalArgument,
                    "The maximum path component name limit of \(component) in directory "
                        + "\(joined(Array(components.prefix { $0 != component }))) is exceeded: "
                        + "limit=\(componentLengthBytesMax) length=\(component.utf8.count)")
            }
        }
        return components
    }

    /// The normalized path of `components` ("/" for none).
    public static func joined(_ components: [String]) -> String {
        "/" + components.joined(separator: "/")
    }

    /// The normalized form of `path`.
    /// - Throws: as `components(of:)`.
    public static func normalized(_ path: String) throws -> String {
        joined(try components(of: path))
    }
}
