import Foundation
import Testing
@testable import Plots

@Suite("NumberText: fixed formatting for labels and coordinates")
struct NumberTextTests {
    @Test("Fixed decimals use a point (C locale), pad with zeros and never write -0")
    func fixed() {
        #expect(NumberText.fixed(-2.25, decimals: 2) == "-2.25")
        #expect(NumberText.fixed(1234567.5, decimals: 2) == "1234567.50")
        #expect(NumberText.fixed(-0.001, decimals: 2) == "0.00")
        #expect(NumberText.fixed(-0.0, decimals: 0) == "0")
        #expect(NumberText.svg(12.345678) == "12.35")
    }

    @Test("Labels tell apart values one resolution step apart, in fixed and scientific notation", arguments: 0..<30)
    func labelsResolve(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        // Seeds cycle through ordinary, very large (scientific) and very small (scientific) axes.
        let centre = [0, rng.uniform(1e6...1e9), rng.uniform(1e-6...1e-4)][Int(seed % 3)]
        let resolution = [pow(10, rng.uniform(-3...2)), centre * pow(10, rng.uniform(-7 ... -2)),
                          centre * pow(10, rng.uniform(-4 ... -1))][Int(seed % 3)]
        let range = AxisRange(centre - 1000 * resolution, centre + 1000 * resolution)
        let value = rng.uniform(range.lower...range.upper - 2 * resolution)
        let a = NumberText.label(value, range: range, resolution: resolution)
        let b = NumberText.label(value + resolution * 1.01, range: range, resolution: resolution)
        #expect(a != b, "seed \(seed): \(a) for \(value) and \(value + resolution * 1.01)")
    }

    @Test("Very large or very small axes switch to scientific notation")
    func scientific() {
        // 5e7 has exponent 7 and the resolution 1e6, so one digit after the point: 7 - 6.
        #expect(NumberText.label(2.5e7, range: AxisRange(0, 5e7), resolution: 1e6) == "2.5e+07")
        #expect(NumberText.label(1e-5, range: AxisRange(0, 2e-5), resolution: 1e-7) == "1.00e-05")
        #expect(NumberText.label(1e6 + 0.5, range: AxisRange(1e6, 1e6 + 1), resolution: 0.01) == "1.00000050e+06")
        #expect(NumberText.label(0, range: AxisRange(-2e-5, 2e-5), resolution: 1e-7) == "0")
        #expect(NumberText.significant(1000) == "1e+03")
        #expect(NumberText.significant(0.001) == "0.001")
    }
}
