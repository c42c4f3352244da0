/// The column of each JSON key, looked up from raw key bytes. Lines of a JSON Lines file
/// usually list keys in the same order, so a lookup first tries the column after the previous
/// key's and only then hashes a `String`.
struct JSONKeyTable: Sendable {
    private(set) var names: [String] = []
    private var keyBytes: [[UInt8]] = []
    private var columnByName: [String: Int] = [:]

    init(names: [String] = []) {
        for name in names { add(name) }
    }

    var count: Int { names.count }

    /// The column of `key`, or nil for a key not in the table.
    /// - Parameter hint: the column to compare first.
    func column(of key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint < keyBytes.count, keyBytes[hint].elementsEqual(key) { return hint }
        return columnByName[String(decoding: key, as: UTF8.self)]
    }

    /// Adds a key as the next column and returns the column.
    @discardableResult
    mutating func add(_ name: String) -> Int {
        let column = names.count
        names.append(name)
        keyBytes.append(Array(name.utf8))
        columnByName[name] = column
        return column
    }
}
