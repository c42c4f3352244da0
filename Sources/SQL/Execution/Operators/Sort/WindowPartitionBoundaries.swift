/// Where partitions and peer groups start in rows sorted by (partition keys, order keys).
struct WindowPartitionBoundaries {
    /// Per sorted position: whether a new partition starts there.
    let partitionStarts: [Bool]
    /// Per sorted position: whether a new peer group (rows equal on the order keys) starts there;
    /// without order keys a partition is one peer group.
    let peerStarts: [Bool]

    /// - Parameters:
    ///   - order: the input rows in sorted order.
    ///   - partitionKeys: vectors of the partition expressions (NULLs equal one another).
    ///   - orderKeys: vectors of the order keys.
    init(order: [Int], partitionKeys: [SortKeyVector], orderKeys: [SortKeyVector]) {
        var partitionStarts = [Bool](repeating: false, count: order.count)
        var peerStarts = [Bool](repeating: false, count: order.count)
        for position in order.indices {
            if position == 0 {
                partitionStarts[0] = true
                peerStarts[0] = true
                continue
            }
            let (previous, row) = (order[position - 1], order[position])
            if SortRowOrder.compare(partitionKeys, previous, partitionKeys, row) != 0 {
                partitionStarts[position] = true
                peerStarts[position] = true
            } else if SortRowOrder.compare(orderKeys, previous, orderKeys, row) != 0 {
                peerStarts[position] = true
            }
        }
        self.partitionStarts = partitionStarts
        self.peerStarts = peerStarts
    }
}
