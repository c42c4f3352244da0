extension Snappy {
    /// Input is compressed in independent blocks of this size, as the reference compressor does:
    /// every offset fits in 16 bits and the hash table stays small enough for the L1 cache.
    static let blockSizeBytes = 1 << 16

    /// log2 of the largest hash table (2^14 two-byte entries = 32 KiB).
    static let hashTableBitsMax = 14
    /// log2 of the smallest hash table, used for tiny inputs so clearing it costs little.
    static let hashTableBitsMin = 8

    /// No match search starts this close to a block's end, so the 4-byte loads at the search
    /// position never leave the block; the tail is emitted as a literal.
    static let inputMarginBytes = 15

    /// Compresses `input` as one raw Snappy stream.
    ///
    /// - Parameters:
    ///   - input: at most `UInt32.max` bytes.
    ///   - output: at least `maxCompressedLength(input.count)` bytes.
    /// - Returns: the number of bytes written to the front of `output`.
    static func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(input.count <= Int(UInt32.max), "Snappy input exceeds 4 GiB")
        precondition(output.count >= maxCompressedLength(input.count), "Snappy output buffer too small")
        let outputBase = output.baseAddress!
        let headerBytes = writeLengthHeader(UInt32(input.count), to: outputBase)
        guard let inputBase = input.baseAddress, input.count > 0 else { return headerBytes }

        let hashBits = hashTableBits(forBlockBytes: min(input.count, blockSizeBytes))
        let hashShift = UInt32(32 - hashBits)
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 1 << hashBits) { table in
            let tableBase = table.baseAddress!
            var outputCursor = outputBase + headerBytes
            var blockStart = 0
            while blockStart < input.count {
                let blockBytes = min(blockSizeBytes, input.count - blockStart)
                // Entries are offsets within the block, so a stale one from the previous block
                // would point at unrelated bytes; clearing keeps candidates inside the block.
                tableBase.initialize(repeating: 0, count: table.count)
                outputCursor = compressBlock(
                    inputBase + blockStart, byteCount: blockBytes, to: outputCursor,
                    hashTable: tableBase, hashShift: hashShift)
                blockStart += blockBytes
            }
            return outputCursor - outputBase
        }
    }

    /// The table size for a block: about one entry per byte, within the min and max.
    static func hashTableBits(forBlockBytes byteCount: Int) -> Int {
        var bits = hashTableBitsMin
        while bits < hashTableBitsMax && (1 << bits) < byteCount {
            bits += 1
        }
        return bits
    }

    @inline(__always)
    static func hashSlot(_ fourBytes: UInt32, shift: UInt32) -> Int {
        Int(truncatingIfNeeded: (fourBytes &* 0x1E35_A7BD) >> shift)
    }

    /// Compresses one block (at most `blockSizeBytes`) into literal and copy elements.
    ///
    /// - Returns: the output position after the last element written.
    static func compressBlock(
        _ source: UnsafeRawPointer, byteCount: Int, to destination: UnsafeMutableRawPointer,
        hashTable: UnsafeMutablePointer<UInt16>, hashShift: UInt32
    ) -> UnsafeMutableRawPointer {
        var outputCursor = destination
        var nextEmit = 0
        if byteCount >= inputMarginBytes {
            let searchLimit = byteCount - inputMarginBytes
            var position = 1
            var nextSlot = hashSlot(load32(source, position), shift: hashShift)
            search: while true {
                // After 32 misses in a row the probe step grows by one every 32 probes, so
                // incompressible data is skipped quickly instead of hashed at every byte.
                var missCount = 32
                var nextPosition = position
                var candidate = 0
                repeat {
                    position = nextPosition
                    let slot = nextSlot
                    nextPosition = position &+ (missCount >> 5)
                    missCount &+= 1
                    if nextPosition > searchLimit { break search }
                    nextSlot = hashSlot(load32(source, nextPosition), shift: hashShift)
                    candidate = Int(hashTable[slot])
                    hashTable[slot] = UInt16(truncatingIfNeeded: position)
                } while load32(source, position) != load32(source, candidate)

                outputCursor = emitLiteral(source + nextEmit, byteCount: position &- nextEmit, to: outputCursor)
                // A match often ends where another begins; checking the very next position
                // before going back to the skipping search finds those without a literal.
                while true {
                    let matchStart = position
                    let matchLength = 4 &+ matchingPrefixLength(
                        source + (candidate &+ 4), source + (position &+ 4), available: byteCount &- position &- 4)
                    position &+= matchLength
                    outputCursor = emitCopy(offset: matchStart &- candidate, length: matchLength, to: outputCursor)
                    nextEmit = position
                    if position >= searchLimit { break search }
                    hashTable[hashSlot(load32(source, position &- 1), shift: hashShift)] =
                        UInt16(truncatingIfNeeded: position &- 1)
                    let slot = hashSlot(load32(source, position), shift: hashShift)
                    candidate = Int(hashTable[slot])
                    hashTable[slot] = UInt16(truncatingIfNeeded: position)
                    if load32(source, position) != load32(source, candidate) { break }
                }
                position &+= 1
                nextSlot = hashSlot(load32(source, position), shift: hashShift)
            }
        }
        if nextEmit < byteCount {
            outputCursor = emitLiteral(source + nextEmit, byteCount: byteCount - nextEmit, to: outputCursor)
        }
        return outputCursor
    }

    /// How many leading bytes two ranges share, comparing 8 bytes at a time.
    ///
    /// - Parameter available: bytes readable from `later` (and so from `earlier`, which precedes it).
    @inline(__always)
    static func matchingPrefixLength(_ earlier: UnsafeRawPointer, _ later: UnsafeRawPointer, available: Int) -> Int {
        var matched = 0
        while matched &+ 8 <= available {
            let difference = load64(earlier + matched) ^ load64(later + matched)
            if difference != 0 {
                // Little-endian loads put the first differing byte in the lowest set bits.
                return matched &+ (difference.trailingZeroBitCount >> 3)
            }
            matched &+= 8
        }
        while matched < available
            && earlier.load(fromByteOffset: matched, as: UInt8.self) == later.load(fromByteOffset: matched, as: UInt8.self)
        {
            matched &+= 1
        }
        return matched
    }

    /// Writes a literal element: its tag (with up to 4 length bytes) and the bytes themselves.
    @inline(__always)
    static func emitLiteral(
        _ source: UnsafeRawPointer, byteCount: Int, to destination: UnsafeMutableRawPointer
    ) -> UnsafeMutableRawPointer {
        var cursor = destination
        let lengthMinusOne = byteCount &- 1
        if lengthMinusOne < 60 {
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: lengthMinusOne << 2), as: UInt8.self)
            cursor += 1
        } else {
            var lengthBytes = 1
            while lengthBytes < 4 && lengthMinusOne >> (8 * lengthBytes) != 0 {
                lengthBytes += 1
            }
            // Tag values 60...63 mean "the length follows in 1...4 bytes".
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: (59 + lengthBytes) << 2), as: UInt8.self)
            for index in 0..<lengthBytes {
                cursor.storeBytes(
                    of: UInt8(truncatingIfNeeded: lengthMinusOne >> (8 * index)), toByteOffset: 1 + index, as: UInt8.self)
            }
            cursor += 1 + lengthBytes
        }
        cursor.copyMemory(from: source, byteCount: byteCount)
        return cursor + byteCount
    }

    /// Writes copy elements for a match of any length at an offset below 2^16.
    @inline(__always)
    static func emitCopy(offset: Int, length: Int, to destination: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var cursor = destination
        var remaining = length
        // One element copies at most 64 bytes. Splitting so the last piece keeps at least 4
        // bytes lets it use the short one-byte-offset form when the offset allows.
        while remaining >= 68 {
            cursor = emitShortCopy(offset: offset, length: 64, to: cursor)
            remaining &-= 64
        }
        if remaining > 64 {
            cursor = emitShortCopy(offset: offset, length: 60, to: cursor)
            remaining &-= 60
        }
        return emitShortCopy(offset: offset, length: remaining, to: cursor)
    }

    /// Writes one copy element of 4...64 bytes at an offset below 2^16.
    @inline(__always)
    static func emitShortCopy(offset: Int, length: Int, to destination: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        if length < 12 && offset < 2048 {
            // Length - 4 in bits 2-4, offset bits 8-10 in bits 5-7, low offset byte next.
            let tag = tagCopyOneByteOffset | ((length &- 4) << 2) | ((offset >> 8) << 5)
            destination.storeBytes(of: UInt8(truncatingIfNeeded: tag), as: UInt8.self)
            destination.storeBytes(of: UInt8(truncatingIfNeeded: offset), toByteOffset: 1, as: UInt8.self)
            return destination + 2
        }
        let tag = tagCopyTwoByteOffset | ((length &- 1) << 2)
        destination.storeBytes(of: UInt8(truncatingIfNeeded: tag), as: UInt8.self)
        destination.storeBytes(of: UInt16(truncatingIfNeeded: offset).littleEndian, toByteOffset: 1, as: UInt16.self)
        return destination + 3
    }
}
