import SluiceCore

/// The rules for topic and consumer group names, which become folder and file names: letters,
/// digits, `.`, `_` and `-`, at most 200 characters, and not `.` or `..`.
enum StreamNameRules {
    static let lengthMax = 200

    /// - Parameter kind: what the name names, for the message ("topic", "consumer group").
    /// - Throws: `SluiceError.userInput` saying what is wrong with `name`.
    static func validate(_ name: String, kind: String) throws {
        guard !name.isEmpty else { throw SluiceError.userInput("a \(kind) name must not be empty") }
        guard name.utf8.count <= lengthMax else {
            throw SluiceError.userInput("the \(kind) name '\(name.prefix(40))...' is \(name.utf8.count) characters long; at most \(lengthMax) are allowed")
        }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
            throw SluiceError.userInput(
                "the \(kind) name '\(name)' contains '\(bad)'; only letters, digits, '.', '_' and '-' are allowed")
        }
        guard name != "." && name != ".." else { throw SluiceError.userInput("'\(name)' is not a valid \(kind) name") }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }

    /// Up to three of `candidates` within two edits of `name`, closest first: the "did you
    /// mean" of a not-found message.
    static func closeMatches(to name: String, in candidates: [String]) -> [String] {
        let target = Array(name.utf8)
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            let other = Array(candidate.utf8)
            guard abs(other.count - target.count) <= 2 else { return nil }
            let distance = editDistance(target, other)
            return distance <= 2 ? (candidate, distance) : nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    private static func editDistance(_ left: [UInt8], _ right: [UInt8]) -> Int {
        var previous = Array(0...right.count)
        var current = previous
        for (i, leftByte) in left.enumerated() {
            current[0] = i + 1
            for (j, rightByte) in right.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (leftByte == rightByte ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
