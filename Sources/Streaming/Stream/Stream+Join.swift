import Dataflow
import SluiceCore

extension Stream {
    /// Joins each element with the row of a table whose `tableKeyColumn` equals the element's
    /// key (a lookup join, left outer: `combine` gets nil when no row matches; filter the
    /// results for an inner join). The table's newest version is loaded into memory, and loaded
    /// again before a batch when the table changed.
    /// - Parameters:
    ///   - table: the table's location, resolved through the configuration's file systems.
    ///   - key: the element's join key.
    ///   - tableKeyColumn: the table column matched against the key; when several rows share a
    ///     key, the last one read wins.
    public func join<Key: StreamColumnValue, Out>(table: String, key: @escaping @Sendable (Element) throws -> Key,
                                                  tableKeyColumn: String,
                                                  _ combine: @escaping @Sendable (Element, Row?) throws -> Out) -> Stream<Out> {
        let lookup = StreamTableLookup(location: table, keyColumn: tableKeyColumn, fileSystems: context.configuration.fileSystems)
        var plan = self.plan
        plan.tableLookups.append(lookup)
        return derived("join(\(table))", plan: plan) { task, emit in
            let rows = lookup.rows()
            try self.compute(task) { element, eventTime in
                let joined = try StreamClosureFailure.guarding("join") {
                    let lookupKey = try key(element).columnValue.lookupKey
                    return try combine(element, rows[lookupKey])
                }
                try emit(joined, eventTime)
            }
        }
    }
}
