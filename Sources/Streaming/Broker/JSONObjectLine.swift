/// One line of JSON lines input parsed into its top-level members, each kept as compact JSON text
/// (whitespace outside strings removed, everything else exactly as written).
///
/// The broker reads produce bodies with it and `sluice topic produce` reads its input with it;
/// keeping values as written (not re-encoded) means a record's value is the producer's text,
/// numbers and key order included.
/// Value type; parse per line, from any thread.
public struct JSONObjectLine: Sendable {
    /// A member's value kind.
    public enum Kind: Sendable, Equatable {
        case null, boolean, number, string, array, object
    }

    /// One `"key": value` member of the object.
    public struct Member: Sendable {
        /// The key, unescaped.
        public var key: String
        public var kind: Kind
        /// The value's range in `compactText`.
        public var range: Range<Int>
    }

    /// The whole object as compact JSON.
    public private(set) var compactText: [UInt8]
    /// The top-level members, in the order written.
    public private(set) var members: [Member]

    /// Parses one line holding a JSON object.
    /// - Throws: `JSONSyntaxFault` for malformed JSON or a line that is not one object.
    public init(parsing line: ArraySlice<UInt8>) throws(JSONSyntaxFault) {
        var parser = JSONCompactingParser(bytes: line)
        let parsed = try parser.parseTopLevelObject()
        compactText = parser.output
        members = parsed
    }

    /// The first member named `key`.
    public func member(_ key: String) -> Member? { members.first { $0.key == key } }

    /// A member's value as compact JSON text.
    public func compactValue(_ member: Member) -> ArraySlice<UInt8> { compactText[member.range] }

    /// A member's value as text: strings unescaped, anything else as its compact JSON; nil for null.
    public func text(_ member: Member) -> String? {
        switch member.kind {
        case .null: nil
        case .string: JSONText.unescapedString(compactText[member.range])
        default: String(decoding: compactText[member.range], as: UTF8.self)
        }
    }

    /// A member's value as a whole number: a JSON integer that fits Int64, nil otherwise.
    public func integer(_ member: Member) -> Int64? {
        guard member.kind == .number else { return nil }
        return Int64(String(decoding: compactText[member.range], as: UTF8.self))
    }
}

/// Why a JSON text did not parse, with the byte offset (0-based) in the line.
public struct JSONSyntaxFault: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var byteOffset: Int

    public init(message: String, byteOffset: Int) {
        self.message = message
        self.byteOffset = byteOffset
    }

    public var description: String { "\(message) at byte \(byteOffset + 1)" }
}
