import Testing
@testable import SluiceCore

@Suite struct RecordEncodingSortKeyTests {
    /// Checks that comparing sort keys as unsigned bytes agrees with `areInIncreasingOrder` and
    /// `==` on every ordered pair of `values`.
    func expectSortKeysOrder<T: SortKeyEncodable>(
        _ values: [T], by areInIncreasingOrder: (T, T) -> Bool, equal: (T, T) -> Bool,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let keys = values.map { $0.sortKeyBytes() }
        var mismatchCount = 0
        for left in values.indices {
            for right in values.indices {
                let keyLess = keys[left].lexicographicallyPrecedes(keys[right])
                let keyEqual = keys[left] == keys[right]
                if keyLess != areInIncreasingOrder(values[left], values[right]) || keyEqual != equal(values[left], values[right]) {
                    mismatchCount += 1
                    if mismatchCount <= 5 {
                        Issue.record("sort keys disagree for \(values[left]) and \(values[right])", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    func expectSortKeysOrder<T: SortKeyEncodable & Comparable>(_ values: [T], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectSortKeysOrder(values, by: <, equal: ==, sourceLocation: sourceLocation)
    }

    @Test func integers() {
        var random = SeededRandomGenerator(seed: 10)
        var ints: [Int] = [.min, .min + 1, -256, -1, 0, 1, 255, 256, .max - 1, .max]
        var int32s: [Int32] = [.min, -1, 0, 1, .max]
        var int8s: [Int8] = [.min, -1, 0, 1, .max]
        var uint64s: [UInt64] = [0, 1, 255, 256, .max]
        for _ in 0..<150 {
            ints.append(Int(bitPattern: UInt(random.next())))
            ints.append(Int.random(in: -1000...1000, using: &random))
            int32s.append(Int32(truncatingIfNeeded: random.next()))
            int8s.append(Int8(truncatingIfNeeded: random.next()))
            uint64s.append(random.next() >> UInt64.random(in: 0...63, using: &random))
        }
        expectSortKeysOrder(ints)
        expectSortKeysOrder(int32s)
        expectSortKeysOrder(int8s)
        expectSortKeysOrder(uint64s)
        expectSortKeysOrder([UInt8(0), 1, 127, 128, 255])
        expectSortKeysOrder([false, true], by: { !$0 && $1 }, equal: ==)
    }

    @Test func doublesInTotalOrderWithZerosEqualAndNaNLast() {
        var random = SeededRandomGenerator(seed: 11)
        var doubles: [Double] = [-.infinity, -.greatestFiniteMagnitude, -1e300, -1, -.leastNormalMagnitude,
                                 -.leastNonzeroMagnitude, -0.0, 0, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                 1, 1e300, .greatestFiniteMagnitude, .infinity]
        for _ in 0..<200 {
            let value = Double(bitPattern: random.next())
            if !value.isNaN { doubles.append(value) }
            doubles.append(Double.random(in: -10...10, using: &random))
        }
        // -0.0 == 0.0, so their sort keys are equal too.
        expectSortKeysOrder(doubles)
        #expect((-0.0).sortKeyBytes() == 0.0.sortKeyBytes())

        // Every NaN (either sign, any payload) has one sort key, after +infinity.
        let nans = [Double.nan, -Double.nan, .signalingNaN, Double(bitPattern: 0x7FF0_0000_0000_0001),
                    Double(bitPattern: 0xFFFF_FFFF_FFFF_FFFF)]
        for nan in nans {
            #expect(nan.sortKeyBytes() == Double.nan.sortKeyBytes())
            #expect(Double.infinity.sortKeyBytes().lexicographicallyPrecedes(nan.sortKeyBytes()))
        }

        var floats: [Float] = [-.infinity, -1, -0.0, 0, .leastNonzeroMagnitude, 1, .infinity]
        for _ in 0..<200 { floats.append(Float.random(in: -1000...1000, using: &random)) }
        expectSortKeysOrder(floats)
        #expect(Float.infinity.sortKeyBytes().lexicographicallyPrecedes((-Float.nan).sortKeyBytes()))
    }

    @Test func stringsWithPrefixesEmptyAndEmbeddedNULs() {
        var random = SeededRandomGenerator(seed: 12)
        var strings = ["", "\0", "\0\0", "\0a", "\u{1}", "a", "a\0", "a\0\0", "a\0b", "a\u{1}", "ab", "abc", "b",
                       "é", "中", "😀", "\u{FFFF}"]
        for _ in 0..<250 { strings.append(RecordEncodingSamples.awkwardString(&random)) }
        expectSortKeysOrder(strings)
        expectSortKeysOrder(strings.map { Substring($0) })
        #expect("".sortKeyBytes() == [0, 0])
        #expect("a\0".sortKeyBytes() == [0x61, 0, 0xFF, 0, 0])
    }

    @Test func composites() {
        var random = SeededRandomGenerator(seed: 13)
        var pairs: [KeyValue<String, Int>] = []
        var intStringPairs: [KeyValue<Int, String>] = []
        var optionals: [Int?] = [nil, .min, 0]
        var arrays: [[String]] = [[], [""], ["", ""], ["a"], ["a", ""], ["a\0"]]
        for _ in 0..<150 {
            let text = RecordEncodingSamples.awkwardString(&random, lengthMax: 3)
            pairs.append(KeyValue(text, Int.random(in: -3...3, using: &random)))
            intStringPairs.append(KeyValue(Int.random(in: -3...3, using: &random), text))
            optionals.append(random.chance(1, in: 4) ? nil : Int.random(in: -5...5, using: &random))
            arrays.append((0..<Int.random(in: 0...3, using: &random)).map { _ in
                RecordEncodingSamples.awkwardString(&random, lengthMax: 2)
            })
        }
        expectSortKeysOrder(pairs)
        expectSortKeysOrder(intStringPairs)
        expectSortKeysOrder(optionals, by: { left, right in
            guard let right else { return false }
            guard let left else { return true }
            return left < right
        }, equal: ==)
        expectSortKeysOrder(arrays, by: { $0.lexicographicallyPrecedes($1) }, equal: ==)
        // Three fields by nesting: (Bool, Double, String).
        var triples: [KeyValue<Bool, KeyValue<Double, String>>] = []
        for _ in 0..<100 {
            triples.append(KeyValue(random.chance(1, in: 2),
                                    KeyValue(Double(Int.random(in: -2...2, using: &random)) / 2,
                                             RecordEncodingSamples.awkwardString(&random, lengthMax: 2))))
        }
        expectSortKeysOrder(triples, by: { left, right in
            (left.key ? 1 : 0, left.value.key, left.value.value) < (right.key ? 1 : 0, right.value.key, right.value.value)
        }, equal: ==)
    }
}
