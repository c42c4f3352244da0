import SluiceCore

/// DELTA_BYTE_ARRAY (incremental encoding): each value is a prefix of the previous value plus a
/// suffix. Layout: the prefix lengths as a DELTA_BINARY_PACKED INT32 stream, then the suffixes
/// as DELTA_LENGTH_BYTE_ARRAY. The first value of a page has an empty prefix. Pure functions;
/// safe from any thread.
enum DeltaByteArrayEncoding {
    private static let encodingName = "DELTA_BYTE_ARRAY"

    /// Decodes `count` values into `output`, one slot each.
    ///
    /// - Returns: the bytes consumed.
    /// - Throws: `SluiceError.data` when the lengths are malformed or a prefix is longer than the
    ///   value before it.
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout BinaryBuffer) throws -> Int {
        var prefixLengths: [Int32] = []
        let prefixesByteCount = try DeltaBinaryPackedDecoder.decodeInt32(bytes, count: count, appendingTo: &prefixLengths)
        var suffixLengths: [Int32] = []
        let suffixLengthsByteCount = try DeltaBinaryPackedDecoder.decodeInt32(
            UnsafeRawBufferPointer(rebasing: bytes[prefixesByteCount...]), count: count, appendingTo: &suffixLengths)
        let suffixStart = prefixesByteCount + suffixLengthsByteCount
        let suffixByteCount = try DeltaLengthByteArrayEncoding.checkedTotalLength(
            suffixLengths, availableByteCount: bytes.count - suffixStart, encodingName: encodingName)
        let totalByteCount = try checkedPrefixes(prefixLengths, suffixLengths: suffixLengths) + suffixByteCount
        guard count > 0 else { return suffixStart }

        let firstByteIndex = output.bytes.count
        output.bytes.append(contentsOf: repeatElement(0, count: totalByteCount))
        output.offsets.reserveCapacity(output.offsets.count + count)
        output.bytes.withUnsafeMutableBufferPointer { target in
            var suffixPosition = suffixStart
            var previousStart = firstByteIndex
            var position = firstByteIndex
            for index in 0..<count {
                let prefixLength = Int(prefixLengths[index])
                let suffixLength = Int(suffixLengths[index])
                let start = position
                if prefixLength > 0 {
                    (target.baseAddress! + position).update(from: target.baseAddress! + previousStart, count: prefixLength)
                    position += prefixLength
                }
                if suffixLength > 0 {
                    UnsafeMutableRawPointer(target.baseAddress! + position).copyMemory(from: bytes.baseAddress! + suffixPosition, byteCount: suffixLength)
                    position += suffixLength
                    suffixPosition += suffixLength
                }
                output.offsets.append(Int64(position))
                previousStart = start
            }
        }
        return suffixStart + suffixByteCount
    }

    /// Encodes the values of `values`, skipping the rows `validity` marks null.
    static func encode(_ values: BinaryBuffer, validity: ValidityBitmap? = nil, appendingTo output: inout [UInt8]) {
        var prefixLengths = DeltaBinaryPackedEncoder<Int32>()
        var suffixes = BinaryBuffer()
        var previous: ArraySlice<UInt8> = []
        for row in 0..<values.count where validity?.isValid(row) ?? true {
            let value = values[row]
            let prefixLength = zip(previous, value).prefix { $0 == $1 }.count
            prefixLengths.append(Int32(prefixLength))
            suffixes.append(bytes: value.dropFirst(prefixLength))
            previous = value
        }
        output.append(contentsOf: prefixLengths.finish())
        DeltaLengthByteArrayEncoding.encode(suffixes, appendingTo: &output)
    }

    /// Checks each prefix against the value before it and returns the prefixes' total bytes.
    private static func checkedPrefixes(_ prefixLengths: [Int32], suffixLengths: [Int32]) throws -> Int {
        var total = 0
        var previousLength = 0
        for index in 0..<prefixLengths.count {
            let prefixLength = Int(prefixLengths[index])
            guard prefixLength >= 0, prefixLength <= previousLength else {
                throw SluiceError.data("corrupt \(encodingName) data: value \(index) has prefix length \(prefixLength) "
                                       + "but the value before it is \(previousLength) bytes")
            }
            total += prefixLength
            previousLength = prefixLength + Int(suffixLengths[index])
        }
        return total
    }
}
