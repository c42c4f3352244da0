extension Double: PartitionHashable {
    /// -0.0 hashes as +0.0 and every NaN alike, matching the sort key.
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        let canonical: Double = isNaN ? .nan : (self == 0 ? 0 : self)
        hasher.combine(canonical.bitPattern)
    }
}

extension Float: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        let canonical: Float = isNaN ? .nan : (self == 0 ? 0 : self)
        hasher.combine(UInt64(canonical.bitPattern))
    }
}

extension Bool: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(self ? 1 : 0)
    }
}

extension String: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        withUTF8Bytes { hasher.combine(bytes: $0) }
    }
}

/// Hashes like the equal `String`.
extension Substring: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        withUTF8Bytes { hasher.combine(bytes: $0) }
    }
}

extension Optional: PartitionHashable where Wrapped: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        switch self {
        case .none:
            hasher.combine(0)
        case .some(let wrapped):
            hasher.combine(1)
            wrapped.combinePartitionHash(into: &hasher)
        }
    }
}

extension Array: PartitionHashable where Element: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        if Element.self == UInt8.self {
            self.withUnsafeBytes { hasher.combine(bytes: $0) }
            return
        }
        hasher.combine(UInt64(count))
        for element in self { element.combinePartitionHash(into: &hasher) }
    }
}
