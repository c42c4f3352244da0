import Dataflow
import SluiceCore

/// TPC-H query 1, the pricing summary report, written with the Dataset API instead of SQL:
/// a filter on the ship date, then sums per (return flag, line status). Money is added up in
/// exact integer hundredths (and their products), as the decimal columns are defined.
public enum TPCHQuery1 {
    public static let definition = JobDefinition(
        name: "tpch-q1",
        summary: "TPC-H Q1 (pricing summary report) over a lineitem Parquet file or folder.",
        options: [
            JobOption("input", help: "lineitem as Parquet (a file, or a folder of part files)"),
            JobOption("output", help: "folder for the result rows as tab-separated text (optional)", defaultValue: ""),
            JobOption("delta-days", help: "days before 1998-12-01 that ships must not be after", defaultValue: "90"),
            JobOption("overwrite", help: "replace the output folder if it exists", defaultValue: "false"),
        ],
        run: run)

    static let columns = ["l_returnflag", "l_linestatus", "l_quantity", "l_extendedprice", "l_discount", "l_tax", "l_shipdate"]

    /// Sums of one group; quantities and prices in hundredths, discounted prices in 1/10⁴, charges in 1/10⁶.
    struct Sums: ShuffleCodable, Sendable {
        var quantityHundredths: Int64 = 0
        var priceHundredths: Int64 = 0
        var discountedPrice: Int64 = 0
        var charge: Int64 = 0
        var discountHundredths: Int64 = 0
        var rowCount: Int64 = 0

        func encode(into writer: inout RecordWriter) {
            for value in [quantityHundredths, priceHundredths, discountedPrice, charge, discountHundredths, rowCount] {
                value.encode(into: &writer)
            }
        }

        static func decode(from reader: inout RecordReader) throws(SluiceError) -> Sums {
            Sums(quantityHundredths: try Int64.decode(from: &reader), priceHundredths: try Int64.decode(from: &reader),
                 discountedPrice: try Int64.decode(from: &reader), charge: try Int64.decode(from: &reader),
                 discountHundredths: try Int64.decode(from: &reader), rowCount: try Int64.decode(from: &reader))
        }

        static func + (left: Sums, right: Sums) -> Sums {
            Sums(quantityHundredths: left.quantityHundredths + right.quantityHundredths,
                 priceHundredths: left.priceHundredths + right.priceHundredths,
                 discountedPrice: left.discountedPrice + right.discountedPrice, charge: left.charge + right.charge,
                 discountHundredths: left.discountHundredths + right.discountHundredths, rowCount: left.rowCount + right.rowCount)
        }
    }

    /// A decimal, integer or floating-point column value in hundredths.
    static func hundredths(_ row: Row, _ index: Int, column: String) throws -> Int64 {
        switch row[index] {
        case .decimal(let unscaled, let scale):
            var value = Int64(unscaled)
            var currentScale = Int(scale)
            while currentScale < 2 { value *= 10; currentScale += 1 }
            while currentScale > 2 { value /= 10; currentScale -= 1 }
            return value
        case .float64(let value): return Int64((value * 100).rounded())
        case .int64(let value): return value * 100
        case .int32(let value): return Int64(value) * 100
        default: throw SluiceError.data("lineitem column \(column) holds \(row[index]), not a number", at: SourceLocation(field: column))
        }
    }

    @Sendable
    static func run(context: DataflowContext, arguments: JobArguments) async throws -> JobSummary {
        let cutoffDays = CivilTime.days(year: 1998, month: 12, day: 1)! - Int32(try arguments.int("delta-days"))
        let groups = try context.parquetFile(arguments.string("input"), columns: columns)
            .filter { row in (try row.date(at: 6)).map { $0 <= cutoffDays } ?? false }
            .map { row -> (String, Sums) in
                let quantity = try hundredths(row, 2, column: "l_quantity")
                let price = try hundredths(row, 3, column: "l_extendedprice")
                let discount = try hundredths(row, 4, column: "l_discount")
                let tax = try hundredths(row, 5, column: "l_tax")
                let discounted = price * (100 - discount)
                let key = (try row.string(at: 0) ?? "") + "|" + (try row.string(at: 1) ?? "")
                return (key, Sums(quantityHundredths: quantity, priceHundredths: price, discountedPrice: discounted,
                                  charge: discounted * (100 + tax), discountHundredths: discount, rowCount: 1))
            }
            .reduceByKey(+)
        // KeyValue, not a tuple: on a cluster the action's result travels between processes.
        let rows = try await groups.map { key, sums in KeyValue(key, sums) }.collect()
            .sorted { $0.key < $1.key }.map { pair in resultLine(key: pair.key, sums: pair.value) }
        let output = try arguments.string("output")
        if !output.isEmpty {
            let lines: Dataset<String> = context.parallelize(rows, partitionCount: 1)
            try await lines.save(to: output, overwrite: arguments.bool("overwrite"))
        }
        let header = "l_returnflag\tl_linestatus\tsum_qty\tsum_base_price\tsum_disc_price\tsum_charge\tavg_qty\tavg_price\tavg_disc\tcount_order"
        return JobSummary(lines: [header] + rows)
    }

    /// One result row as tab-separated text, in Q1's column order.
    static func resultLine(key: String, sums: Sums) -> String {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let count = Double(sums.rowCount)
        let averageQuantity = Double(sums.quantityHundredths) / 100 / count
        let averagePrice = Double(sums.priceHundredths) / 100 / count
        let averageDiscount = Double(sums.discountHundredths) / 100 / count
        let fields: [String] = [
            parts[0], parts[1],
            decimalText(sums.quantityHundredths, scale: 2), decimalText(sums.priceHundredths, scale: 2),
            decimalText(sums.discountedPrice, scale: 4), decimalText(sums.charge, scale: 6),
            String(averageQuantity), String(averagePrice), String(averageDiscount), String(sums.rowCount),
        ]
        return fields.joined(separator: "\t")
    }

    /// An integer count of 10^-scale units as exact decimal text.
    static func decimalText(_ value: Int64, scale: Int) -> String {
        var divisor: Int64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = value / divisor
        let fraction = String(abs(value % divisor))
        return "\(value < 0 && whole == 0 ? "-" : "")\(whole).\(String(repeating: "0", count: scale - fraction.count))\(fraction)"
    }
}
