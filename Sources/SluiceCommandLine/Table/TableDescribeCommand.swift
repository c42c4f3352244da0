import ArgumentParser
import SluiceCore
import Warehouse

/// `sluice table describe NAME`: schema, layout, properties and size of a table.
struct TableDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a table's schema, partition columns, sort key, properties, version and size."
    )

    @Argument(help: "The table name.")
    var name: String

    @OptionGroup var warehouse: WarehouseOptions

    func run() throws {
        let location = try warehouse.location()
        let table = try location.openTable(name)
        let snapshot = try table.snapshot()
        let metadata = snapshot.metadata
        let output = StandardOutput()
        let created = metadata.createdTime.map { CivilTime.formatISOTimestamp(micros: $0 * 1000, fractionDigits: 3) } ?? "-"
        let lines: [(String, String)] = [
            ("table", name),
            ("location", table.path),
            ("table id", metadata.id),
            ("created", created),
            ("version", "\(snapshot.version) (committed \(CivilTime.formatISOTimestamp(micros: snapshot.timestampMillis * 1000, fractionDigits: 3)))"),
            ("files", "\(snapshot.files.count)"),
            ("rows", snapshot.rowCount.map { "\($0)" } ?? "unknown (a data file has no statistics)"),
            ("size", "\(snapshot.sizeBytes) bytes"),
            ("partitioned by", snapshot.partitionColumns.isEmpty ? "-" : snapshot.partitionColumns.joined(separator: ", ")),
            ("sort key", snapshot.sortColumns.isEmpty ? "-" : snapshot.sortColumns.joined(separator: ", ")),
            ("protocol", "reader \(snapshot.protocolVersions.minReaderVersion), writer \(snapshot.protocolVersions.minWriterVersion)"),
        ]
        let labelWidth = lines.map(\.0.count).max()! + 1
        for (label, value) in lines { output.write(padded(label + ":", labelWidth) + " " + value + "\n") }
        output.write("\nproperties:\n")
        if snapshot.properties.isEmpty { output.write("  (none)\n") }
        for (key, value) in snapshot.properties.sorted(by: { $0.key < $1.key }) { output.write("  \(key) = \(value)\n") }
        output.write("\nschema:\n")
        let nameWidth = snapshot.schema.fields.map(\.name.count).max() ?? 0
        let typeWidth = snapshot.schema.fields.map { typeText($0).count }.max() ?? 0
        for field in snapshot.schema.fields {
            let notes = [snapshot.partitionColumns.contains(field.name) ? "partition column" : nil,
                         snapshot.sortColumns.firstIndex(of: field.name).map { "sort key \($0 + 1)" }].compactMap { $0 }
            let line = "  " + padded(field.name, nameWidth) + "  " + padded(typeText(field), typeWidth)
                + (notes.isEmpty ? "" : "  (" + notes.joined(separator: ", ") + ")")
            output.write(line.trimmedTrailingSpaces + "\n")
        }
        output.flush()
    }

    private func typeText(_ field: Field) -> String {
        field.type.description + (field.isNullable ? "" : " NOT NULL")
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

private extension String {
    var trimmedTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
