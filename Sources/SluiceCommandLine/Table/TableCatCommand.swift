import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table cat NAME`: prints a table's rows, at its newest version or an older one.
struct TableCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print a table's rows, now or at an earlier version (time travel).",
        discussion: """
            --where (repeatable, all must hold) skips data files and row groups whose partition \
            values or statistics rule it out, then filters rows; write it as "column op value" \
            with op one of = != < <= > >=. --as-of takes YYYY-MM-DD or \
            YYYY-MM-DDTHH:MM[:SS[.fff]] with an optional Z or ±HH:MM (UTC when none is given) and \
            reads the newest version committed at or before it.
            """
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Read this version of the table.")
    var version: Int64?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Read the table as it was at this time.", valueName: "timestamp"))
    var asOf: String?

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    @Option(help: "Output format: table, csv or json (JSON lines).")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Comma-separated columns to print (default: all).", valueName: "a,b"))
    var columns: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Only rows matching 'column op value' (repeatable).", valueName: "predicate"))
    var predicates: [String] = []

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
        if version != nil, asOf != nil { throw ValidationError("give --version or --as-of, not both") }
    }

    func run() throws {
        let table = try warehouse.location().openTable(name)
        let snapshot = try TableCatCommand.snapshot(of: table, named: name, version: version, asOf: asOf)
        let filters = try TableFilter.predicates(predicates, schema: snapshot.schema, tableName: name)
        let names = columns?.columnList
        if let names { _ = try snapshot.schema.projecting(names) }
        var scan = try table.scan(snapshot: snapshot, columns: names, predicates: filters)
        let output = StandardOutput()
        var tableOptions = ResultRenderer.TableOptions()
        if let limit { tableOptions.rowLimit = max(limit, 1) }
        var renderer = ResultRenderer(format: format, schema: scan.schema, tableOptions: tableOptions) { output.write($0) }
        var remaining = limit ?? Int.max
        while remaining > 0, var rows = try scan.next() {
            if rows.rowCount > remaining { rows = rows.slice(0..<remaining) }
            remaining -= rows.rowCount
            renderer.append(rows)
        }
        renderer.finish()
        output.flush()
    }

    /// The snapshot asked for: a version, the newest at a time, or the newest.
    /// - Throws: `SluiceError` (user input) naming the table when there is no such version, or
    ///   for a time that does not parse or is before the table existed.
    static func snapshot(of table: Table, named name: String, version: Int64?, asOf: String?) throws -> Snapshot {
        if let version {
            do {
                return try table.snapshot(version: version)
            } catch let error as SluiceError where error.condition == .notFound {
                let newest = try table.log.list().commitVersions.last.map { "its newest version is \($0)" } ?? "it has no commits"
                throw SluiceError(.userInput, "table '\(name)' has no version \(version); \(newest)", condition: .notFound)
            }
        }
        if let asOf {
            guard let micros = CivilTime.parseTimestamp(asOf) ?? CivilTime.parseDate(asOf).map({ Int64($0) * 86_400_000_000 }) else {
                throw SluiceError.userInput("--as-of '\(asOf)' is not a time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]")
            }
            // Floor division: a time within a millisecond still sees that millisecond's commits.
            let millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
            do {
                return try table.snapshot(asOfMillis: millis)
            } catch let error as SluiceError where error.condition == .notFound {
                throw SluiceError(.userInput, "table '\(name)' did not exist yet at \(CivilTime.formatISOTimestamp(micros: micros, fractionDigits: 3))",
                                  condition: .notFound)
            }
        }
        return try table.snapshot()
    }
}
