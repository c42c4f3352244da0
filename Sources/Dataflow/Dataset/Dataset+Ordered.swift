extension Dataset {
    /// The `limit` first elements in the order `areInIncreasingOrder` defines: each partition keeps
    /// only its own first `limit`, so just `limit` × partitions elements come back to the caller.
    public func takeOrdered(_ limit: Int, by areInIncreasingOrder: @escaping @Sendable (Element, Element) -> Bool) async throws -> [Element] {
        guard limit > 0 else { return [] }
        let partials = try await runJob("takeOrdered") { task, partition in
            var best: [Element] = []
            try self.compute(task, partition: partition) { element in
                best.append(element)
                // Sort and cut back only when the buffer doubles, so each element costs O(log n) on average.
                if best.count >= 2 * limit + 64 {
                    best.sort(by: areInIncreasingOrder)
                    best.removeSubrange(limit...)
                }
            }
            best.sort(by: areInIncreasingOrder)
            return Array(best.prefix(limit))
        }
        return Array(partials.joined().sorted(by: areInIncreasingOrder).prefix(limit))
    }
}
