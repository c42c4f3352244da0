/// Which columns of a boxed table are printed within a width: all of them when they fit, else
/// as many as fit taken alternately from the left and the right end, with a one-character `…`
/// column in place of the middle ones (as DuckDB's shell does). A single column that does not
/// fit is narrowed instead.
struct ColumnLayout {
    /// Columns kept from the left end, then from the right end, as indices into the full list.
    private let leftColumns: [Int]
    private let rightColumns: [Int]
    /// The printed widths, including the `…` column when there is one.
    let widths: [Int]

    /// How many columns are left out.
    let hiddenColumnCount: Int

    static let ellipsis = "…"

    /// - Parameters:
    ///   - widths: every column's content width in terminal columns.
    ///   - tableWidthMax: the terminal columns the table may take, borders included; nil: no bound.
    init(widths: [Int], tableWidthMax: Int?) {
        let count = widths.count
        guard let tableWidthMax, ColumnLayout.tableWidth(widths) > tableWidthMax, count > 0 else {
            leftColumns = Array(0..<count)
            rightColumns = []
            self.widths = widths
            hiddenColumnCount = 0
            return
        }
        // Each column costs its width plus a space either side and one border; the table one more border.
        let borderWidth = 1
        let columnOverhead = 3
        if count == 1 {
            leftColumns = [0]
            rightColumns = []
            self.widths = [max(1, tableWidthMax - borderWidth - columnOverhead)]
            hiddenColumnCount = 0
            return
        }
        let budget = tableWidthMax - borderWidth - (1 + columnOverhead)
        var left: [Int] = []
        var right: [Int] = []
        var used = 0
        var nextLeft = 0
        var nextRight = count - 1
        var takesLeft = true
        while nextLeft <= nextRight {
            let column = takesLeft ? nextLeft : nextRight
            let cost = widths[column] + columnOverhead
            if used + cost > budget { break }
            used += cost
            if takesLeft {
                left.append(column)
                nextLeft += 1
            } else {
                right.insert(column, at: 0)
                nextRight -= 1
            }
            takesLeft.toggle()
        }
        var keptWidths = (left + right).map { widths[$0] }
        if left.isEmpty {
            // Not even the first column fits beside the `…` column: show it narrowed.
            left = [0]
            keptWidths = [max(1, budget - columnOverhead)]
        }
        leftColumns = left
        rightColumns = right
        self.widths = Array(keptWidths.prefix(left.count)) + [1] + Array(keptWidths.dropFirst(left.count))
        hiddenColumnCount = count - left.count - right.count
    }

    /// The printed cells of one line, given the cells of every column.
    func cells(_ all: [String]) -> [String] {
        guard hiddenColumnCount > 0 else { return all }
        return leftColumns.map { all[$0] } + [ColumnLayout.ellipsis] + rightColumns.map { all[$0] }
    }

    /// The alignments of the printed columns, given every column's.
    func alignments(_ all: [Bool]) -> [Bool] {
        guard hiddenColumnCount > 0 else { return all }
        return leftColumns.map { all[$0] } + [false] + rightColumns.map { all[$0] }
    }

    /// The terminal columns a table with these content widths takes.
    static func tableWidth(_ widths: [Int]) -> Int {
        1 + widths.reduce(0) { $0 + $1 + 3 }
    }
}
