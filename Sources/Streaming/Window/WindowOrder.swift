import SluiceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts windows in the order results and state are written in: by start, end, then the key's
/// sort bytes, so the same windows always come out in the same order (replays write the same
/// files and checkpoints).
///
/// The keys' sort bytes go into one buffer and the comparison is on plain integers and bytes,
/// so ordering tens of thousands of windows stays a small part of a batch; the windows
/// themselves are never moved while sorting.
///
/// A value type for one ordering; not shared between threads.
struct WindowOrder {
    private var starts: [Int64] = []
    private var ends: [Int64] = []
    private var keyBytes = RecordWriter(capacityBytes: 4096)
    /// Window i's key bytes are `keyBytes[keyBounds[i] ..< keyBounds[i + 1]]`.
    private var keyBounds: [Int] = [0]

    init(capacity: Int) {
        starts.reserveCapacity(capacity)
        ends.reserveCapacity(capacity)
        keyBounds.reserveCapacity(capacity + 1)
    }

    var count: Int { starts.count }

    /// Adds the next window; its position is the number of windows added before it.
    mutating func append<Key: ShuffleKey>(key: Key, startMillis: Int64, endMillis: Int64) {
        starts.append(startMillis)
        ends.append(endMillis)
        key.encodeSortKey(into: &keyBytes)
        keyBounds.append(keyBytes.byteCount)
    }

    /// The positions of the windows added, in order.
    func sortedPositions() -> [Int] {
        var positions = Array(0..<starts.count)
        starts.withUnsafeBufferPointer { starts in
            ends.withUnsafeBufferPointer { ends in
                keyBounds.withUnsafeBufferPointer { bounds in
                    keyBytes.withUnsafeBytes { bytes in
                        positions.sort { left, right in
                            if starts[left] != starts[right] { return starts[left] < starts[right] }
                            if ends[left] != ends[right] { return ends[left] < ends[right] }
                            let leftCount = bounds[left + 1] - bounds[left]
                            let rightCount = bounds[right + 1] - bounds[right]
                            let compared = memcmp(bytes.baseAddress! + bounds[left], bytes.baseAddress! + bounds[right], Swift.min(leftCount, rightCount))
                            return compared != 0 ? compared < 0 : leftCount < rightCount
                        }
                    }
                }
            }
        }
        return positions
    }
}
