extension Dataset {
    /// The `limit` first elements in the order `areInIncreasingOrder` defines: each partition keeps
    /// only its own first `limit`, so just `limit` × partitions elements come back to the caller.
    public func takeOrdered(_ limit: Int, by areInIncreasingOrder: @escaping @Sendable (Element, Element) -> Bool) async throws -> [Element] {
        guard limit > 0 else { return [] }
        let partials = try await runJob("takeOrdered") { task, partition in
            // Kept sorted; most elements lose against the current last and cost one comparison.
            var best: [Element] = []
            best.reserveCapacity(limit + 1)
            try self.compute(task, partition: partition) { element in
                if best.count == limit {
                    guard areInIncreasingOrder(element, best[limit - 1]) else { return }
                    best.removeLast()
                }
                var low = 0
                var high = best.count
                while low < high {
                    let middle = (low + high) / 2
                    if areInIncreasingOrder(element, best[middle]) { high = middle } else { low = middle + 1 }
                }
                best.insert(element, at: low)
            }
            return best
        }
        return Array(partials.joined().sorted(by: areInIncreasingOrder).prefix(limit))
    }
}
