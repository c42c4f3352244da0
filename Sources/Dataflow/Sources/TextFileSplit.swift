/// A byte range of one file that one task reads: lines whose first byte lies in the range belong
/// to it, so a line crossing the end is read whole by this split and skipped by the next.
public struct TextFileSplit: Sendable, Equatable {
    public var path: String
    public var byteRange: Range<Int>
    /// Hosts holding the range's block (block store files); empty on a local disk.
    public var hosts: [String]

    public init(path: String, byteRange: Range<Int>, hosts: [String] = []) {
        self.path = path
        self.byteRange = byteRange
        self.hosts = hosts
    }
}
