import SluiceCore

/// Aggregates over lineitem batches, computed from Sluice's columns.
struct LineitemTotals {
    /// 1998-09-02 (1998-12-01 minus 90 days, TPC-H query 1's cutoff) as days since 1970-01-01.
    static let q1CutoffDay: Int32 = 10_471

    var rowCount = 0
    var quantitySum: Int128 = 0
    var extendedPriceSum: Int128 = 0
    var discountSum: Int128 = 0
    var returnFlags: Set<String> = []
    var shipModes: Set<String> = []
    var shipDateMin = Int32.max
    var shipDateMax = Int32.min
    var shippedByCutoffCount = 0
    var orderKeyMax = Int64.min
    var flagGroups: [String: Int] = [:]

    mutating func add(_ batch: RecordBatch) throws {
        func column(_ name: String) throws -> Column {
            guard let column = batch.column(named: name) else { throw InteropFailure("lineitem has no \(name)") }
            return column
        }
        let quantity = try column("l_quantity"), price = try column("l_extendedprice"), discount = try column("l_discount")
        let returnFlag = try column("l_returnflag"), lineStatus = try column("l_linestatus")
        let shipMode = try column("l_shipmode"), shipDate = try column("l_shipdate"), orderKey = try column("l_orderkey")
        for row in 0..<batch.rowCount {
            rowCount += 1
            if case .decimal(let value, 2) = quantity[row] { quantitySum += value }
            if case .decimal(let value, 2) = price[row] { extendedPriceSum += value }
            if case .decimal(let value, 2) = discount[row] { discountSum += value }
            if case .string(let flag) = returnFlag[row], case .string(let status) = lineStatus[row] {
                returnFlags.insert(flag)
                flagGroups[flag + "|" + status, default: 0] += 1
            }
            if case .string(let mode) = shipMode[row] { shipModes.insert(mode) }
            if case .date(let day) = shipDate[row] {
                shipDateMin = min(shipDateMin, day)
                shipDateMax = max(shipDateMax, day)
                if day <= LineitemTotals.q1CutoffDay { shippedByCutoffCount += 1 }
            }
            if case .int64(let key) = orderKey[row] { orderKeyMax = max(orderKeyMax, key) }
        }
    }
}
