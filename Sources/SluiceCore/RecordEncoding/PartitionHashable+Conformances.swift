// Integers hash their value widened to 64 bits (signed values sign-extended), so the same number
// hashes alike whatever its width.

extension Int: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(bitPattern: Int64(self)))
    }
}

extension Int64: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(bitPattern: Int64(self)))
    }
}

extension Int32: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(bitPattern: Int64(self)))
    }
}

extension Int16: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(bitPattern: Int64(self)))
    }
}

extension Int8: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(bitPattern: Int64(self)))
    }
}

extension UInt: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(self))
    }
}

extension UInt64: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(self))
    }
}

extension UInt32: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(self))
    }
}

extension UInt16: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(self))
    }
}

extension UInt8: PartitionHashable {
    @inlinable
    public func combinePartitionHash(into hasher: inout PartitionHasher) {
        hasher.combine(UInt64(self))
    }
}

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
