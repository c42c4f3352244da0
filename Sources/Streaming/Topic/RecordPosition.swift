/// Where a produced record was stored: its partition and offset.
public struct RecordPosition: Sendable, Codable, Equatable, Hashable {
    public var partition: Int
    public var offset: Int64

    public init(partition: Int, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }
}
