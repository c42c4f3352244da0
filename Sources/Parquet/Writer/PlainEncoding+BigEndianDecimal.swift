extension PlainEncoding {
    /// The two's complement big-endian bytes of a decimal's unscaled value, `byteWidth` wide
    /// (FIXED_LEN_BYTE_ARRAY decimals and their statistics).
    static func encodeBigEndianDecimal(_ value: Int128, byteWidth: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: byteWidth)
        var remaining = value
        for index in stride(from: byteWidth - 1, through: 0, by: -1) {
            bytes[index] = UInt8(truncatingIfNeeded: remaining)
            remaining >>= 8
        }
        return bytes
    }
}
