import SluiceCore

/// A schema shared by many rows: the fields, a name-to-position table, and a fingerprint that
/// names the schema in encoded rows, so a shuffled row carries 8 bytes instead of its schema.
///
/// Layouts are interned per process (`RowLayout.of`): one object per distinct schema, so rows of
/// one source share it and comparing layouts is usually a pointer comparison. Immutable; shared
/// between threads.
public final class RowLayout: Sendable {
    public let schema: Schema
    /// A hash of the field names, types and nullability that is the same in every process (not
    /// Swift's seeded `Hasher`), so a row encoded on one worker decodes on another.
    public let fingerprint: UInt64
    private let indexByName: [String: Int]

    private init(schema: Schema) {
        self.schema = schema
        self.fingerprint = RowLayout.fingerprint(of: schema)
        var indexByName: [String: Int] = [:]
        for (index, field) in schema.fields.enumerated() where indexByName[field.name] == nil {
            indexByName[field.name] = index
        }
        self.indexByName = indexByName
    }

    /// The layout of `schema`, made once per process and registered so rows of it decode here.
    ///
    /// Thread-safe. Costs a hash of the schema: make the layout once and build rows with
    /// `Row(layout:values:)` in per-record code.
    public static func of(_ schema: Schema) -> RowLayout {
        registry.layout(of: schema) { RowLayout(schema: schema) }
    }

    /// The layout registered under a fingerprint in this process, if any.
    public static func registered(fingerprint: UInt64) -> RowLayout? {
        registry.layout(fingerprint: fingerprint)
    }

    /// The position of the field named `name`.
    @inlinable
    public func index(of name: String) -> Int? {
        lookup(name)
    }

    @usableFromInline
    func lookup(_ name: String) -> Int? {
        indexByName[name]
    }

    private static let registry = RowLayoutRegistry()

    /// FNV-1a over each field's name, type text and nullability, with separators that cannot
    /// occur in a type name so distinct schemas do not run together.
    static func fingerprint(of schema: Schema) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for field in schema.fields {
            for byte in field.name.utf8 { mix(byte) }
            mix(0)
            for byte in field.type.description.utf8 { mix(byte) }
            mix(field.isNullable ? 1 : 2)
        }
        return hash
    }
}
