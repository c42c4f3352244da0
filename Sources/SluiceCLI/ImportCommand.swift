import ArgumentParser
import Parquet
import SluiceCore

/// `sluice import FILE --to OUT.parquet`: converts CSV or JSON lines to Parquet.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV or JSON-lines file into a Parquet file.",
        discussion: """
            CSV files need a header row; column types are inferred from the whole file (integers, \
            floats, dates, timestamps, booleans, strings; an empty field is null). JSON-lines \
            files hold one flat object per line. The output appears only when the import succeeds.
            """
    )

    @Argument(help: "The file to import (.csv, .tsv, .jsonl, .ndjson or .json).")
    var input: String

    @Option(name: .customLong("to"), help: "The Parquet file to write.")
    var output: String

    @Option(help: "Page compression: snappy, gzip or none.")
    var codec: CodecChoice = .snappy

    @Option(help: "Input format when the extension does not tell: csv, tsv or jsonl.")
    var format: InputFormat?

    @Option(help: "Column names and types instead of inference, e.g. \"id INT64 NOT NULL, name STRING\".")
    var schema: String?

    @Option(help: "Infer types from the first N rows only (default: the whole file).")
    var inferRows: Int?

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    func validate() throws {
        if let inferRows, inferRows < 1 { throw ValidationError("--infer-rows must be at least 1") }
    }

    func run() throws {
        let (inputFileSystem, inputPath) = try FileSystemRegistry.shared.resolve(input)
        let (outputFileSystem, outputPath) = try FileSystemRegistry.shared.resolve(output)
        let givenSchema = try schema.map { try Schema(parsing: $0) }
        var source = try TextSource.open(fileSystem: inputFileSystem, path: inputPath, format: format ?? InputFormat(path: inputPath),
                                         schema: givenSchema, inferenceRowCount: inferRows)
        var options = ParquetWriterOptions(codec: codec.codec)
        options.keyValueMetadata["sluice.source"] = inputPath.split(separator: "/").last.map(String.init) ?? inputPath
        let file = try outputFileSystem.create(outputPath, overwrite: overwrite)
        let writer: ParquetWriter
        do {
            writer = try ParquetWriter(file: file, schema: source.schema, options: options)
        } catch {
            file.abort()
            throw error
        }
        var rowCount = 0
        do {
            while let batch = try source.next() {
                try writer.write(batch)
                rowCount += batch.rowCount
            }
            let metadata = try writer.close()
            writeStandardError("imported \(rowCount) rows, \(source.schema.count) columns, \(metadata.rowGroups.count) row group(s) into \(outputPath)\n")
        } catch {
            writer.abort()
            throw error
        }
    }
}

enum CodecChoice: String, ExpressibleByArgument, CaseIterable {
    case snappy, gzip, none, uncompressed

    var codec: CompressionCodec {
        switch self {
        case .snappy: .snappy
        case .gzip: .gzip
        case .none, .uncompressed: .uncompressed
        }
    }
}

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, tsv, jsonl

    /// The format an input's extension names.
    /// - Throws: `SluiceError` (user input) for an extension that names none.
    init(path: String) throws {
        let name = path.lowercased()
        if name.hasSuffix(".csv") {
            self = .csv
        } else if name.hasSuffix(".tsv") || name.hasSuffix(".tab") {
            self = .tsv
        } else if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") {
            self = .jsonl
        } else {
            throw SluiceError.userInput("cannot tell the format of '\(path)' from its name; pass --format csv, tsv or jsonl")
        }
    }
}

/// A CSV or JSON-lines reader behind one interface.
enum TextSource {
    case csv(CSVReader)
    case jsonLines(JSONLinesReader)

    static func open(fileSystem: any FileSystem, path: String, format: InputFormat,
                     schema: Schema?, inferenceRowCount: Int?) throws -> TextSource {
        switch format {
        case .csv, .tsv:
            var options = CSVOptions()
            if format == .tsv { options.delimiter = UInt8(ascii: "\t") }
            options.schema = schema
            options.inferenceRowCount = inferenceRowCount
            return .csv(try CSVReader(fileSystem: fileSystem, path: path, options: options))
        case .jsonl:
            var options = JSONLinesOptions()
            options.schema = schema
            options.inferenceRowCount = inferenceRowCount
            return .jsonLines(try JSONLinesReader(fileSystem: fileSystem, path: path, options: options))
        }
    }

    var schema: Schema {
        switch self {
        case .csv(let reader): reader.schema
        case .jsonLines(let reader): reader.schema
        }
    }

    mutating func next() throws -> RecordBatch? {
        switch self {
        case .csv(var reader):
            defer { self = .csv(reader) }
            return try reader.next()
        case .jsonLines(var reader):
            defer { self = .jsonLines(reader) }
            return try reader.next()
        }
    }
}
