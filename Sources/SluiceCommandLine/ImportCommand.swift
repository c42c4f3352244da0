import ArgumentParser
import Parquet
import SluiceCore
import Warehouse

/// `sluice import FILE --to OUT.parquet | --table NAME`: converts CSV, JSON lines or Parquet
/// to a Parquet file, or loads it into a warehouse table.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV, JSON-lines or Parquet file into a Parquet file or a warehouse table.",
        discussion: """
            CSV files need a header row; column types are inferred from the whole file (integers, \
            floats, dates, timestamps, booleans, strings; an empty field is null). JSON-lines \
            files hold one flat object per line. The output appears only when the import succeeds.

            With --table, the rows go into a warehouse table in one commit. A missing table is \
            created with the file's columns (and --partition-by, --sort-by); an existing one gets \
            the rows appended (or, with --mode overwrite, replaced), text values parsed as the \
            table's column types.
            """
    )

    @Argument(help: "The file to import (.csv, .tsv, .jsonl, .ndjson, .json or .parquet).")
    var input: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The Parquet file to write.", valueName: "out.parquet"))
    var output: String?

    @Option(help: ArgumentHelp("The warehouse table to load into instead.", valueName: "name"))
    var table: String?

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: ArgumentHelp("With --table: partition columns of a new table.", valueName: "col[,col]"))
    var partitionBy: String?

    @Option(help: ArgumentHelp("With --table: sort key of a new table.", valueName: "col[,col]"))
    var sortBy: String?

    @Option(help: "With --table: append (default) or overwrite the table's rows.")
    var mode: WriteMode?

    @Option(help: "With --to: page compression, snappy (default), gzip or none.")
    var codec: CodecChoice?

    @Option(help: "Input format when the extension does not tell: csv, tsv, jsonl or parquet.")
    var format: InputFormat?

    @Option(help: "Column names and types instead of inference, e.g. \"id INT64 NOT NULL, name STRING\".")
    var schema: String?

    @Option(help: "Infer types from the first N rows only (default: the whole file).")
    var inferRows: Int?

    @Flag(help: "With --to: replace the output file if it exists.")
    var overwrite = false

    func validate() throws {
        if let inferRows, inferRows < 1 { throw ValidationError("--infer-rows must be at least 1") }
        guard (output == nil) != (table == nil) else {
            throw ValidationError("give exactly one of --to OUT.parquet and --table NAME")
        }
        if output != nil {
            let tableOnly = [("--partition-by", partitionBy != nil), ("--sort-by", sortBy != nil), ("--mode", mode != nil),
                             ("--warehouse", warehouse.warehouse != nil)]
            if let (name, _) = tableOnly.first(where: \.1) { throw ValidationError("\(name) applies to --table imports") }
        } else {
            if codec != nil { throw ValidationError("--codec applies to --to; table data files are Snappy-compressed") }
            if overwrite { throw ValidationError("--overwrite applies to --to; with --table use --mode overwrite") }
        }
    }

    func run() throws {
        let (inputFileSystem, inputPath) = try FileSystemRegistry.shared.resolve(input)
        let importInput = ImportInput(fileSystem: inputFileSystem, path: inputPath, format: try format ?? InputFormat(path: inputPath),
                                      schema: try schema.map { try Schema(parsing: $0) }, inferenceRowCount: inferRows)
        if let table {
            let summary = try TableImport(input: importInput, location: warehouse.location(), tableName: table,
                                          partitionColumns: partitionBy?.columnList, sortColumns: sortBy?.columnList,
                                          mode: mode ?? .append).run()
            writeStandardError(summary + "\n")
        } else if let output {
            try importToFile(importInput, output: output)
        }
    }

    private func importToFile(_ importInput: ImportInput, output: String) throws {
        let (outputFileSystem, outputPath) = try FileSystemRegistry.shared.resolve(output)
        var source = try importInput.open()
        var options = ParquetWriterOptions(codec: (codec ?? .snappy).codec)
        options.keyValueMetadata["sluice.source"] = importInput.path.split(separator: "/").last.map(String.init) ?? importInput.path
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
    case snappy, gzip, zstd, none, uncompressed

    var codec: CompressionCodec {
        switch self {
        case .snappy: .snappy
        case .gzip: .gzip
        case .zstd: .zstd
        case .none, .uncompressed: .uncompressed
        }
    }
}

enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, tsv, jsonl, parquet

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
        } else if name.hasSuffix(".parquet") || name.hasSuffix(".parq") {
            self = .parquet
        } else {
            throw SluiceError.userInput("cannot tell the format of '\(path)' from its name; pass --format csv, tsv, jsonl or parquet")
        }
    }
}

extension WriteMode: ExpressibleByArgument {}
