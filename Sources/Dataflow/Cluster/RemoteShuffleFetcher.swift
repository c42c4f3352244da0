import Cluster
import SluiceCore

/// A worker's shuffle reads: map output this worker holds comes from its own store, the rest from
/// the workers the task's `shuffleLocations` name, over `GET /shuffle/...`, several at once.
/// A fetch that fails (refused, reset, 404) is a `ShuffleFetchFailure` for that map partition.
struct RemoteShuffleFetcher: ShuffleFetcher {
    let runId: String
    /// This worker's own address, as the coordinator records it in locations.
    let selfAddress: @Sendable () -> String
    /// Fetches in flight at once per reduce task.
    let fetchesInFlightMax = 8

    func segments(shuffleId: Int, reducePartition: Int, mapPartitionCount: Int, task: TaskContext) throws -> [ShuffleSegment] {
        guard let locations = task.shuffleLocations[shuffleId], locations.count == mapPartitionCount else {
            return try task.environment.shuffleOutputs.segments(shuffleId: shuffleId, reducePartition: reducePartition,
                                                                mapPartitionCount: mapPartitionCount)
        }
        let here = selfAddress()
        var segmentsByMap = [[ShuffleSegment]](repeating: [], count: mapPartitionCount)
        var remote: [(mapPartition: Int, address: String)] = []
        for mapPartition in 0..<mapPartitionCount {
            let address = locations[mapPartition]
            if address == here, let output = task.environment.shuffleOutputs.output(shuffleId: shuffleId, mapPartition: mapPartition) {
                segmentsByMap[mapPartition] = output.segmentsByPartition[reducePartition]
            } else if address.isEmpty || address == here {
                throw ShuffleFetchFailure(shuffleId: shuffleId, mapPartition: mapPartition, reason: "no worker holds the map output")
            } else {
                remote.append((mapPartition, address))
            }
        }
        if !remote.isEmpty {
            let fetched = try fetch(remote, shuffleId: shuffleId, reducePartition: reducePartition)
            for (mapPartition, bytes) in fetched where !bytes.isEmpty { segmentsByMap[mapPartition] = [.memory(bytes)] }
        }
        return segmentsByMap.flatMap { $0 }
    }

    /// Fetches the given map partitions' segments, blocking the task's thread until all arrived.
    private func fetch(_ remote: [(mapPartition: Int, address: String)], shuffleId: Int, reducePartition: Int) throws -> [(Int, [UInt8])] {
        let runId = runId
        let inFlightMax = fetchesInFlightMax
        return try BlockingBridge.run {
            try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
                var results: [(Int, [UInt8])] = []
                var next = 0
                func addFetch() {
                    let (mapPartition, address) = remote[next]
                    next += 1
                    group.addTask {
                        let url = "http://\(address)/shuffle/\(runId)/\(shuffleId)/\(mapPartition)/\(reducePartition)"
                        do {
                            return (mapPartition, try await HTTPCall.send(method: .GET, url: url, timeoutSeconds: 3600, answerBytesMax: Int(Int32.max)))
                        } catch {
                            throw ShuffleFetchFailure(shuffleId: shuffleId, mapPartition: mapPartition, reason: "fetch from \(address) failed: \(error)")
                        }
                    }
                }
                while next < min(inFlightMax, remote.count) { addFetch() }
                while let result = try await group.next() {
                    results.append(result)
                    if next < remote.count { addFetch() }
                }
                return results
            }
        }
    }
}
