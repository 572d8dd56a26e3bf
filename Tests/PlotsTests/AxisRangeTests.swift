import Foundation
import Testing
@testable import Plots

@Suite("AxisRange: the value-to-cell mapping every figure shares")
struct AxisRangeTests {
    @Test("A value at the centre of bin k lands in column k and in row n - 1 - k", arguments: 0..<20)
    func centreOfBinLandsInItsCell(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let lower = rng.uniform(-100...100)
        let range = AxisRange(lower, lower + rng.uniform(0.001...50))
        let count = rng.int(2...200)
        let k = rng.int(0...(count - 1))
        let value = range.lower + (Double(k) + 0.5) * range.span / Double(count)
        #expect(range.column(of: value, count: count) == k, "seed \(seed)")
        // Rows count from the top, so the same bin counted from the bottom.
        #expect(range.row(of: value, count: count) == count - 1 - k, "seed \(seed)")
    }

    @Test("The ends of the range map to the first and last cells")
    func endsMapToEndCells() {
        let range = AxisRange(-3, 5)
        #expect(range.column(of: -3, count: 10) == 0)
        #expect(range.column(of: 5, count: 10) == 9)
        #expect(range.row(of: 5, count: 7) == 0)
        #expect(range.row(of: -3, count: 7) == 6)
    }

    @Test("Values outside the range, and NaN, have no cell")
    func outsideHasNoCell() {
        let range = AxisRange(0, 1)
        #expect(range.column(of: -0.0001, count: 10) == nil)
        #expect(range.column(of: 1.0001, count: 10) == nil)
        #expect(range.column(of: .nan, count: 10) == nil)
        #expect(range.row(of: .infinity, count: 10) == nil)
    }

    @Test("A range spanning nearly all of Double maps without overflow")
    func hugeRangeDoesNotOverflow() {
        let range = AxisRange(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude)
        #expect(range.span == .infinity)
        #expect(range.fraction(of: 0) == 0.5)
        #expect(range.column(of: -Double.greatestFiniteMagnitude, count: 64) == 0)
        #expect(range.column(of: Double.greatestFiniteMagnitude, count: 64) == 63)
        #expect(range.column(of: 0, count: 64) == 32)
        #expect(range.row(of: Double.greatestFiniteMagnitude, count: 24) == 0)
    }

    @Test("enclosing skips NaN and infinities, and is nil with no finite value")
    func enclosingSkipsNonFinite() {
        #expect(AxisRange.enclosing([3, .nan, -2, .infinity, 7, -.infinity]) == AxisRange(-2, 7))
        #expect(AxisRange.enclosing([Double.nan, .infinity]) == nil)
        #expect(AxisRange.enclosing([Double]()) == nil)
    }

    @Test("padded widens a zero-width range about its value by a tenth of it, or by 1 at zero")
    func paddedWidensZeroWidth() {
        #expect(AxisRange(5, 5).padded() == AxisRange(4.5, 5.5))
        #expect(AxisRange(-20, -20).padded() == AxisRange(-22, -18))
        #expect(AxisRange(0, 0).padded() == AxisRange(-1, 1))
        #expect(AxisRange(1, 2).padded() == AxisRange(1, 2))
    }

    @Test("equalAspect makes data units per screen length agree and keeps both ranges inside the result",
          arguments: 0..<20)
    func equalAspectEqualisesUnits(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let x = AxisRange(rng.uniform(-5...0), rng.uniform(0.1...5))
        let y = AxisRange(rng.uniform(-5...0), rng.uniform(0.1...5))
        let width = Double(rng.int(8...120)), height = Double(rng.int(4...60))
        let aspect = rng.uniform(0.5...3)
        let (ex, ey) = AxisRange.equalAspect(x: x, y: y, width: width, height: height, cellAspect: aspect)
        let xPerLength = ex.span / width, yPerLength = ey.span / (height * aspect)
        #expect(abs(xPerLength - yPerLength) <= 1e-9 * max(xPerLength, yPerLength), "seed \(seed)")
        #expect(ex.lower <= x.lower + 1e-12 && ex.upper >= x.upper - 1e-12, "seed \(seed)")
        #expect(ey.lower <= y.lower + 1e-12 && ey.upper >= y.upper - 1e-12, "seed \(seed)")
        // Exactly one range is widened: the other is returned unchanged.
        #expect(ex == x || ey == y, "seed \(seed)")
    }

    @Test("Nice ticks are multiples of 1, 2 or 5 times a power of ten inside the range", arguments: 0..<20)
    func niceTicksAreInsideAndEvenlySpaced(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let lower = rng.uniform(-1000...1000)
        let range = AxisRange(lower, lower + rng.uniform(0.01...500))
        let ticks = range.niceTicks()
        #expect(ticks.count >= 2 && ticks.count <= 11, "seed \(seed): \(ticks.count) ticks")
        #expect(ticks.allSatisfy { $0.fraction >= -1e-12 && $0.fraction <= 1 + 1e-12 }, "seed \(seed)")
        let gaps = zip(ticks.dropFirst(), ticks).map { ($0.fraction - $1.fraction) * range.span }
        if let step = gaps.first {
            #expect(gaps.allSatisfy { abs($0 - step) <= 1e-9 * step }, "seed \(seed)")
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "seed \(seed): step \(step)")
        }
    }
}
