import SluiceCore
import Testing

/// The Swift half of the canonical form must match Python's exactly; these cases are Python's
/// own `repr` output, so a layout mistake shows here rather than as a puzzling interop diff.
@Suite struct CanonicalTextTests {
    @Test(arguments: [
        (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
        (Double.leastNonzeroMagnitude, "5e-324"), (-0.0, "-0.0"), (0.0, "0.0"), (1.5, "1.5"), (100.0, "100.0"), (1e22, "1e+22"),
        (123456789012345678.0, "1.2345678901234568e+17"), (0.1, "0.1"), (-2.5e-7, "-2.5e-07"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (12345.678, "12345.678"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
    ])
    func floatsPrintAsPythonRepr(value: Double, expected: String) {
        #expect(CanonicalText.pythonRepr(value) == expected)
    }

    @Test func valuesOfEveryTypeHaveOneText() {
        #expect(CanonicalText.text(.null) == nil)
        #expect(CanonicalText.text(.boolean(false)) == "false")
        #expect(CanonicalText.text(.int64(.min)) == "-9223372036854775808")
        #expect(CanonicalText.text(.binary([0x00, 0xAB, 0xFF])) == "00abff")
        #expect(CanonicalText.text(.date(-719_162)) == "-719162")
        #expect(CanonicalText.text(.timestamp(-1)) == "-1")
        #expect(CanonicalText.text(.decimal(-1, scale: 10)) == "-0.0000000001")
        #expect(CanonicalText.text(.decimal(0, scale: 2)) == "0.00")
    }
}
