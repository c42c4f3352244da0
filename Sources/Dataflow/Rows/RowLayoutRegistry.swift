import SluiceCore

/// The process's interned layouts, by schema and by fingerprint.
final class RowLayoutRegistry: @unchecked Sendable {
    // Sendable: both maps are guarded by `lock`.
    private let lock = Mutex()
    private var bySchema: [Schema: RowLayout] = [:]
    private var byFingerprint: [UInt64: RowLayout] = [:]

    func layout(of schema: Schema, make: () -> RowLayout) -> RowLayout {
        lock.withLock {
            if let known = bySchema[schema] { return known }
            let layout = make()
            if let other = byFingerprint[layout.fingerprint], other.schema.fields != schema.fields {
                preconditionFailure("row schemas (\(other.schema)) and (\(schema)) have the same fingerprint")
            }
            bySchema[schema] = layout
            if byFingerprint[layout.fingerprint] == nil { byFingerprint[layout.fingerprint] = layout }
            return layout
        }
    }

    func layout(fingerprint: UInt64) -> RowLayout? {
        lock.withLock { byFingerprint[fingerprint] }
    }
}
