import SluiceCore

extension DataflowContext {
    /// Each file under `location` whole, as (file name, text): one partition per file. For many
    /// small documents (an inverted index); big files are better read by `textFile`'s splits.
    ///
    /// - Throws: `SluiceError.userInput` when nothing is at `location`.
    public func wholeTextFiles(_ location: String) throws -> Dataset<(String, String)> {
        let (fileSystem, path) = try environment.fileSystems.resolve(location)
        let files = try FileSplitPlanner.inputFiles(path, fileSystem: fileSystem)
        return Dataset(context: self, name: "wholeTextFiles", partitionCount: max(1, files.count), dependencies: []) { task, partition, emit in
            guard partition < files.count else { return }
            let bytes = try fileSystem.readAll(files[partition].path)
            task.metrics.recordsRead += 1
            task.metrics.bytesRead += bytes.count
            try emit((files[partition].name, String(decoding: bytes, as: UTF8.self)))
        }
    }
}
