import ArgumentParser
import Parquet
import SluiceCore

/// `sluice parquet inspect FILE`: the footer in readable form.
struct ParquetInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a Parquet file's schema, row groups, codecs, encodings and statistics."
    )

    @Argument(help: "The Parquet file.")
    var file: String

    @Flag(help: "Only the file summary and schema, not every row group.")
    var summary = false

    func run() throws {
        let (fileSystem, path) = try FileSystemRegistry.shared.resolve(file)
        let reader = try ParquetReader(fileSystem: fileSystem, path: path)
        let output = StandardOutput()
        let metadata = reader.metadata
        output.write("file:        \(path)\n")
        output.write("size:        \(try fileSystem.status(path).sizeBytes) bytes\n")
        output.write("rows:        \(metadata.numRows)\n")
        output.write("row groups:  \(metadata.rowGroups.count)\n")
        output.write("created by:  \(metadata.createdBy ?? "-")\n")
        for keyValue in metadata.keyValueMetadata ?? [] {
            let value = keyValue.value ?? ""
            output.write("metadata:    \(keyValue.key) = \(value.count > 120 ? String(value.prefix(120)) + "…" : value)\n")
        }
        output.write("\nschema:\n")
        let summaries = reader.columnSummaries
        let nameWidth = summaries.map(\.field.name.count).max() ?? 4
        for column in summaries {
            let logical = column.logicalType.map { " \($0)" } ?? ""
            output.write("  \(pad(column.field.name, nameWidth))  \(pad(column.field.type.description + (column.field.isNullable ? "" : " NOT NULL"), 24))  \(column.repetition) \(column.physicalType)\(logical)\n")
        }
        if !summary {
            for index in 0..<reader.rowGroupCount {
                writeRowGroup(index, reader: reader, nameWidth: nameWidth, to: output)
            }
        }
        output.write("\n")
        output.flush()
    }

    private func writeRowGroup(_ index: Int, reader: ParquetReader, nameWidth: Int, to output: StandardOutput) {
        let rowGroup = reader.metadata.rowGroups[index]
        output.write("\nrow group \(index): \(rowGroup.numRows) rows, \(rowGroup.totalCompressedSize.map { "\($0) bytes compressed, " } ?? "")\(rowGroup.totalByteSize) bytes uncompressed\n")
        for chunk in reader.columnChunkSummaries(rowGroup: index) {
            var line = "  \(pad(chunk.column, nameWidth))  \(chunk.codec) \(chunk.encodings.joined(separator: ","))  \(chunk.compressedSizeBytes)/\(chunk.uncompressedSizeBytes) bytes"
            if let nullCount = chunk.nullCount { line += "  nulls=\(nullCount)" }
            if let low = chunk.min, let high = chunk.max {
                line += "  min=\(clip(low.description))  max=\(clip(high.description))"
            }
            output.write(line + "\n")
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func clip(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
