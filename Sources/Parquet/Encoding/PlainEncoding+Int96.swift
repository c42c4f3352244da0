import SluiceCore

extension PlainEncoding {
    /// The Julian day number of 1970-01-01, the Unix epoch.
    static var unixEpochJulianDay: Int64 { 2_440_588 }
    static var microsecondsPerDay: Int64 { 86_400_000_000 }

    /// Decodes `count` legacy INT96 timestamps (8 bytes little-endian nanoseconds of the day,
    /// then 4 bytes little-endian Julian day) into microseconds since the Unix epoch, UTC;
    /// sub-microsecond digits are dropped (rounded toward negative infinity).
    ///
    /// - Throws: `SluiceError.data` when the page is short or a timestamp does not fit in 64-bit
    ///   microseconds.
    static func decodeInt96Timestamp(_ bytes: UnsafeRawBufferPointer, count: Int, appendingTo output: inout [Int64]) throws -> Int {
        let byteCount = try fixedWidthByteCount(bytes, count: count, valueByteCount: 12, typeName: "INT96")
        guard count > 0 else { return 0 }
        let base = bytes.baseAddress!
        try output.appendDecoded(count: count, placeholder: 0) { target in
            for index in 0..<count {
                let nanosecondsOfDay = Int64(littleEndian: base.loadUnaligned(fromByteOffset: index &* 12, as: Int64.self))
                let julianDay = Int32(littleEndian: base.loadUnaligned(fromByteOffset: index &* 12 &+ 8, as: Int32.self))
                guard let micros = int96TimestampMicroseconds(nanosecondsOfDay: nanosecondsOfDay, julianDay: julianDay) else {
                    throw SluiceError.data("corrupt PLAIN INT96 data: timestamp \(index) (Julian day \(julianDay), \(nanosecondsOfDay) ns) out of range",
                                           at: SourceLocation(byteOffset: index * 12))
                }
                target[index] = micros
            }
        }
        return byteCount
    }

    /// Microseconds since the Unix epoch of an INT96 timestamp, or nil if they overflow.
    static func int96TimestampMicroseconds(nanosecondsOfDay: Int64, julianDay: Int32) -> Int64? {
        let (dayMicros, overflow) = (Int64(julianDay) - unixEpochJulianDay).multipliedReportingOverflow(by: microsecondsPerDay)
        guard !overflow else { return nil }
        // Floor division, so a negative nanosecond field still lands on the earlier microsecond.
        let (quotient, remainder) = nanosecondsOfDay.quotientAndRemainder(dividingBy: 1000)
        let microsOfDay = remainder < 0 ? quotient - 1 : quotient
        let (micros, sumOverflow) = dayMicros.addingReportingOverflow(microsOfDay)
        return sumOverflow ? nil : micros
    }
}
