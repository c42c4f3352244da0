/// A file name found in a replica directory, parsed strictly: `blk_<id>` or
/// `blk_<id>_<genstamp>.meta` with canonical decimal numbers. Anything else is not a replica file.
enum ReplicaFileName: Equatable {
    case block(blockID: UInt64)
    case meta(blockID: UInt64, generationStamp: UInt64)

    init?(_ name: String) {
        guard name.hasPrefix("blk_") else { return nil }
        let rest = name.dropFirst(4)
        if rest.hasSuffix(".meta") {
            let numbers = rest.dropLast(5).split(separator: "_", omittingEmptySubsequences: false)
            guard numbers.count == 2,
                  let blockID = ReplicaFileName.canonicalNumber(numbers[0]),
                  let generationStamp = ReplicaFileName.canonicalNumber(numbers[1]) else { return nil }
            self = .meta(blockID: blockID, generationStamp: generationStamp)
        } else {
            guard let blockID = ReplicaFileName.canonicalNumber(rest) else { return nil }
            self = .block(blockID: blockID)
        }
    }

    /// The number only when the text is exactly how Swift prints it, so `007` or `+7` never name
    /// the same replica as `7`.
    private static func canonicalNumber(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = UInt64(text), String(value) == text else { return nil }
        return value
    }
}
