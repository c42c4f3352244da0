import SluiceCore

/// A boxed text table in the style of DuckDB's shell:
///
/// ```
/// ┌───────┬────────┐
/// │  id   │  name  │
/// │ int64 │ string │
/// ├───────┼────────┤
/// │     1 │ Anna   │
/// │  NULL │ NULL   │
/// └───────┴────────┘
/// 2 rows
/// ```
///
/// Numbers are right-aligned, other values left-aligned; long cells are cut with `…`; control
/// characters are escaped. Past `rowLimit` rows, the first and last halves are shown around a
/// `·` row and the footer says how many were shown. When the columns are wider than
/// `tableWidthMax`, the middle ones give way to a `…` column and the footer counts them too.
/// Only the rows to be shown are kept.
struct TableFormatter: ResultFormatter {
    private let schema: Schema
    private let options: ResultRenderer.TableOptions
    private let isRightAligned: [Bool]
    /// The first rows, up to the row limit, as cell text.
    private var headRows: [[String]] = []
    /// The last rows after the head: a ring of at most `tailRowCountMax` rows.
    private var tailRows: [[String]] = []
    private var tailStart = 0
    private var rowCount = 0

    init(schema: Schema, options: ResultRenderer.TableOptions) {
        self.schema = schema
        self.options = options
        self.isRightAligned = schema.fields.map { field in
            switch field.type {
            case .int32, .int64, .float64, .decimal: true
            case .boolean, .string, .binary, .date, .timestamp: false
            }
        }
    }

    /// Rows shown from the start when some are left out; the rest of the limit comes from the end.
    private var headRowCountShown: Int { (options.rowLimit + 1) / 2 }
    private var tailRowCountMax: Int { options.rowLimit - headRowCountShown }

    mutating func append(_ batch: RecordBatch) -> String? {
        var row = 0
        while row < batch.rowCount, headRows.count < options.rowLimit {
            headRows.append(cells(batch, row))
            row += 1
        }
        // Of the rows past the head, only the batch's last few can still be shown.
        let remaining = batch.rowCount - row
        if remaining > 0 {
            for index in max(row, batch.rowCount - tailRowCountMax)..<batch.rowCount {
                appendTail(cells(batch, index))
            }
        }
        rowCount += batch.rowCount
        return nil
    }

    mutating func finish() -> String? {
        let layout = ColumnLayout(widths: columnWidths(), tableWidthMax: options.tableWidthMax)
        var lines: [String] = []
        if schema.count > 0 {
            let names = layout.cells(schema.fields.map(\.name))
            let types = layout.cells(schema.fields.map { $0.type.description.lowercased() })
            lines.append(border("┌", "┬", "┐", layout.widths))
            lines.append(line(names, layout.widths, alignment: .centered))
            lines.append(line(types, layout.widths, alignment: .centered))
            lines.append(border("├", "┼", "┤", layout.widths))
            let rightAligned = layout.alignments(isRightAligned)
            let (shown, isCut) = rowsShown()
            for (index, cells) in shown.enumerated() {
                if isCut, index == headRowCountShown {
                    lines.append(line(layout.widths.map { _ in "·" }, layout.widths, alignment: .centered))
                }
                lines.append(line(layout.cells(cells), layout.widths, alignment: .perColumn(rightAligned)))
            }
            lines.append(border("└", "┴", "┘", layout.widths))
        }
        let noun = rowCount == 1 ? "row" : "rows"
        let shownCount = min(rowCount, options.rowLimit)
        var footer = shownCount < rowCount ? "\(rowCount) \(noun) (\(shownCount) shown)" : "\(rowCount) \(noun)"
        if layout.hiddenColumnCount > 0 {
            footer += "  \(schema.count) columns (\(schema.count - layout.hiddenColumnCount) shown)"
        }
        lines.append(footer)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Rows

    private func cells(_ batch: RecordBatch, _ row: Int) -> [String] {
        batch.columns.map { column in
            let text = TerminalText.escapingControlCharacters(column[row].description)
            return TerminalText.truncated(text, toWidth: options.cellWidthMax)
        }
    }

    private mutating func appendTail(_ cells: [String]) {
        guard tailRowCountMax > 0 else { return }
        if tailRows.count < tailRowCountMax {
            tailRows.append(cells)
        } else {
            tailRows[tailStart] = cells
            tailStart = (tailStart + 1) % tailRowCountMax
        }
    }

    /// The rows to print, and whether rows were left out between the two halves.
    private func rowsShown() -> (rows: [[String]], isCut: Bool) {
        let tail = Array(tailRows[tailStart...] + tailRows[..<tailStart])
        // Head and tail are contiguous: the tail holds every row after the head, or the last ones.
        let kept = headRows + tail
        guard rowCount > options.rowLimit else { return (kept, false) }
        return (Array(kept.prefix(headRowCountShown) + kept.suffix(tailRowCountMax)), true)
    }

    // MARK: - Layout

    private func columnWidths() -> [Int] {
        let (shown, _) = rowsShown()
        return schema.fields.indices.map { index in
            let field = schema.fields[index]
            var width = max(TerminalText.displayWidth(field.name), TerminalText.displayWidth(field.type.description))
            for cells in shown { width = max(width, TerminalText.displayWidth(cells[index])) }
            return min(max(width, 1), options.cellWidthMax)
        }
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
    }

    private enum Alignment {
        case centered
        /// Right-aligned where true, else left-aligned.
        case perColumn([Bool])
    }

    private func line(_ cells: [String], _ widths: [Int], alignment: Alignment) -> String {
        var text = "│"
        for (index, cell) in cells.enumerated() {
            let fitted = TerminalText.truncated(cell, toWidth: widths[index])
            let padding = widths[index] - TerminalText.displayWidth(fitted)
            let leading: Int
            switch alignment {
            case .centered: leading = padding / 2
            case .perColumn(let isRight): leading = isRight[index] ? padding : 0
            }
            text += " " + String(repeating: " ", count: leading) + fitted
                + String(repeating: " ", count: padding - leading) + " │"
        }
        return text
    }
}
