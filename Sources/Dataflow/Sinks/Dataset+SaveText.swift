import SluiceCore

extension Dataset where Element: CustomStringConvertible & SendableMetatype {
    /// Saves the elements as text part files `part-00000`, `part-00001`, ... in the folder at
    /// `location` (a path, `file://` or `dfs://`), one element per line, then an empty `_SUCCESS`
    /// file once every part is there.
    ///
    /// - Throws: `SluiceError.userInput` when the folder already exists and `overwrite` is false;
    ///   `JobFailure` when a task fails.
    public func save(to location: String, overwrite: Bool = false) async throws {
        try await saveText(to: location, overwrite: overwrite) { $0.description }
    }
}

extension Dataset {
    /// Saves (key, value) pairs as text part files of lines `key<TAB>value`, like Hadoop's text output.
    public func save<Key, Value>(to location: String, overwrite: Bool = false) async throws where Element == (Key, Value) {
        try await saveText(to: location, overwrite: overwrite) { "\($0.0)\t\($0.1)" }
    }

    /// Saves each element as the line `format` makes of it.
    public func saveText(to location: String, overwrite: Bool = false, format: @escaping @Sendable (Element) -> String) async throws {
        let (fileSystem, folder) = try context.environment.fileSystems.resolve(location)
        // The folder is the driver's to prepare and to mark done; a worker only writes its parts.
        let isDriver = context.environment.role == .driver
        if isDriver {
            try OutputFolder.prepare(folder, location: location, fileSystem: fileSystem, overwrite: overwrite)
        }
        _ = try await runJob("save") { task, partition in
            var writer = try TextPartWriter(fileSystem: fileSystem, folder: folder, partition: partition)
            do {
                try self.compute(task, partition: partition) { element in try writer.writeLine(format(element)) }
                try writer.close()
            } catch {
                writer.abort()
                throw error
            }
            task.metrics.recordsWritten += writer.lineCount
            return writer.byteCount
        }
        if isDriver { try fileSystem.write([], to: "\(folder)/_SUCCESS", overwrite: true) }
    }
}
