/// Powers of ten as tables, so per-batch setup (bounds, rescale factors) does not loop.
enum DecimalPowers {
    /// 10^0 through 10^38.
    static let int128: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// 10^n for n in 0...38; larger exponents clamp to 10^38.
    @inline(__always)
    static func of(_ exponent: Int) -> Int128 {
        int128[min(max(exponent, 0), 38)]
    }
}
