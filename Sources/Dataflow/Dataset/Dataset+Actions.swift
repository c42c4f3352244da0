import SluiceCore

/// Actions: they run a job and bring a result back to the caller.
extension Dataset {
    /// Runs a job over `partitions` (all by default) that turns each partition into a value.
    public func runJob<Result>(_ name: String, partitions: [Int]? = nil,
                               _ perPartition: @escaping @Sendable (TaskContext, Int) throws -> Result) async throws -> [Result] {
        let results = try await context.scheduler.runJob(name: name, dataset: self, partitions: partitions ?? Array(0..<partitionCount),
                                                        resultCodec: .of(Result.self)) { task, partition in
            TaskResultBox(try perPartition(task, partition))
        }
        return results.map { $0.value as! Result }
    }

    /// Every element, partition by partition.
    public func collect() async throws -> [Element] {
        try await runJob("collect") { task, partition in
            var elements: [Element] = []
            try self.compute(task, partition: partition) { elements.append($0) }
            task.metrics.recordsWritten += elements.count
            return elements
        }.flatMap { $0 }
    }

    /// How many elements there are.
    public func count() async throws -> Int {
        try await runJob("count") { task, partition in
            var count = 0
            try self.compute(task, partition: partition) { _ in count += 1 }
            return count
        }.reduce(0, +)
    }

    /// The first `limit` elements: partitions are computed a few at a time until enough are found.
    public func take(_ limit: Int) async throws -> [Element] {
        var taken: [Element] = []
        var nextPartition = 0
        var batchSize = 1
        while taken.count < limit && nextPartition < partitionCount {
            let batch = Array(nextPartition..<min(partitionCount, nextPartition + batchSize))
            let wanted = limit - taken.count
            let results = try await runJob("take", partitions: batch) { task, partition in
                var elements: [Element] = []
                do {
                    try self.compute(task, partition: partition) { element in
                        elements.append(element)
                        if elements.count >= wanted { throw EnoughElements() }
                    }
                } catch is EnoughElements {}
                return elements
            }
            for elements in results { taken.append(contentsOf: elements.prefix(limit - taken.count)) }
            nextPartition += batch.count
            batchSize *= 4
        }
        return taken
    }

    /// All elements folded with `combine`, or nil when there are none.
    public func reduce(_ combine: @escaping @Sendable (Element, Element) throws -> Element) async throws -> Element? {
        let partials = try await runJob("reduce") { task, partition -> Element? in
            var result: Element?
            try self.compute(task, partition: partition) { element in
                result = try result.map { try combine($0, element) } ?? element
            }
            return result
        }
        return try partials.compactMap { $0 }.reduce(nil as Element?) { result, element in
            try result.map { try combine($0, element) } ?? element
        }
    }

    /// Calls `body` with every element on the task threads (for side effects such as sending).
    public func foreach(_ body: @escaping @Sendable (Element) throws -> Void) async throws {
        _ = try await runJob("foreach") { task, partition in
            try self.compute(task, partition: partition) { element in try body(element) }
        }
    }
}

/// Thrown inside a partition's computation to stop it once `take` has enough elements.
@usableFromInline
struct EnoughElements: Error {
    @usableFromInline init() {}
}
