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

    @Test("Labels carry enough decimals to tell apart values one resolution step apart", arguments: 0..<20)
    func labelsResolve(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let resolution = pow(10, rng.uniform(-3...2))
        let range = AxisRange(-1000 * resolution, 1000 * resolution)
        let value = rng.uniform(range.lower...range.upper - resolution)
        #expect(NumberText.label(value, range: range, resolution: resolution)
                != NumberText.label(value + resolution * 1.01, range: range, resolution: resolution), "seed \(seed)")
    }

    @Test("Very large or very small axes switch to scientific notation")
    func scientific() {
        #expect(NumberText.label(2.5e7, range: AxisRange(0, 5e7), resolution: 1e6) == "2.50e+07")
        #expect(NumberText.label(1e-5, range: AxisRange(0, 2e-5), resolution: 1e-7) == "1.00e-05")
        #expect(NumberText.label(0, range: AxisRange(-2e-5, 2e-5), resolution: 1e-7) == "0")
        #expect(NumberText.significant(1000) == "1e+03")
        #expect(NumberText.significant(0.001) == "0.001")
    }
}
