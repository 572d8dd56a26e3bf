import Foundation
import Testing
import Autodiff
import ToyData
@testable import JSDivergence

@Suite("Composite Simpson quadrature")
struct QuadratureTests {
    @Test("Simpson's rule integrates cubics exactly on intervals and rectangles", arguments: 0..<10)
    func exactForCubics(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let c = (0..<4).map { _ in rng.nextNormal() }
        let a = -2 * rng.nextUniform(), b = 1 + 2 * rng.nextUniform()
        let line = QuadratureRule(boxes: [Box(lower: [a], upper: [b])], spacing: 0.3)
        // int_a^b (c0 + c1 x + c2 x^2 + c3 x^3) dx
        func antiderivative(_ x: Double) -> Double { c[0] * x + c[1] * x * x / 2 + c[2] * pow(x, 3) / 3 + c[3] * pow(x, 4) / 4 }
        let exact = antiderivative(b) - antiderivative(a)
        let got = line.integrate { x in c[0] + c[1] * x[0] + c[2] * x[0] * x[0] + c[3] * pow(x[0], 3) }
        #expect(abs(got.value - exact) <= 1e-12 * max(1, abs(exact)), "seed \(seed): \(got.value) vs \(exact)")
        // The coarse rule is Simpson too, so it is exact as well and the estimate is rounding.
        #expect(got.errorEstimate <= 1e-12 * max(1, abs(exact)), "seed \(seed)")

        // 2-D: int int x^3 y^2 over [a, b] x [0, 1] = (b^4 - a^4)/4 * 1/3.
        let square = QuadratureRule(boxes: [Box(lower: [a, 0], upper: [b, 1])], spacing: 0.25)
        let got2 = square.integrate { p in p[0] * p[0] * p[0] * p[1] * p[1] }
        let exact2 = (pow(b, 4) - pow(a, 4)) / 4 / 3
        #expect(abs(got2.value - exact2) <= 1e-12 * max(1, abs(exact2)), "seed \(seed): \(got2.value) vs \(exact2)")
    }

    @Test("Weights are positive and sum to the volume, for both the fine and the coarse rule")
    func weights() {
        let rule = QuadratureRule(boxes: [Box(lower: [0, -1], upper: [2, 0.5]), Box(lower: [3, 3], upper: [4, 5])], spacing: 0.1)
        let volume = 2 * 1.5 + 1 * 2.0
        #expect(rule.weights.allSatisfy { $0 > 0 })
        #expect(rule.coarseWeights.allSatisfy { $0 >= 0 })
        #expect(abs(rule.weights.reduce(0, +) - volume) < 1e-12)
        #expect(abs(rule.coarseWeights.reduce(0, +) - volume) < 1e-12)
        // Every axis of every box has a multiple of 4 steps no longer than the spacing: 20 x 16 and 12 x 20.
        #expect(rule.count == 21 * 17 + 13 * 21)
    }

    @Test("Halving the step divides the error by about 16, and the estimate tracks the true error")
    func fourthOrder() {
        // int_0^1 e^x dx = e - 1: smooth, not a polynomial.
        let exact = exp(1.0) - 1
        var errors: [Double] = []
        for spacing in [0.25, 0.125, 0.0625] {
            let result = QuadratureRule(boxes: [Box(lower: [0], upper: [1])], spacing: spacing).integrate { exp($0[0]) }
            let error = abs(result.value - exact)
            errors.append(error)
            // Richardson's estimate is asymptotically exact: within 10% of the true error here.
            #expect(abs(result.errorEstimate - error) <= 0.1 * error, "h = \(spacing): estimate \(result.errorEstimate), error \(error)")
        }
        for i in 1..<errors.count {
            let ratio = errors[i - 1] / errors[i]
            #expect(ratio > 15 && ratio < 17, "error ratio \(ratio)")
        }
    }

    @Test("Gaussian mixture densities integrate to 1 over the covering rule, in 1-D and 2-D", arguments: 0..<8)
    func densitiesIntegrateToOne(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for d in [1, 2] {
            let p = randomMixture(dimension: d, stdRange: 0.5...1.0, using: &rng)
            let q = randomMixture(dimension: d, stdRange: 0.5...1.0, using: &rng)
            let pair = DensityPair(p: p, q: q, rule: .covering([p, q], nodesPerStd: d == 1 ? 16 : 6))
            #expect(abs(pair.massP.value - 1) < 1e-9, "seed \(seed), \(d)-D: int p = \(pair.massP.value)")
            #expect(abs(pair.massQ.value - 1) < 1e-9, "seed \(seed), \(d)-D: int q = \(pair.massQ.value)")
        }
    }

    @Test("ring8's eight narrow modes get one cell each, and its density still integrates to 1")
    func ring8Cells() {
        let ring = GaussianMixture.ring8()
        // Projections of the 8 boxes onto x: 5 separate intervals (x = 1, 0.71, 0, -0.71, -1).
        #expect(QuadratureRule.mergedIntervals(ring.means.map { ($0[0] - 0.12, $0[0] + 0.12) }).count == 5)
        let rule = QuadratureRule.covering([ring])
        // 8 cells of 0.24 x 0.24 with steps of 0.01 / 8: 192 steps, 193 nodes, per axis.
        #expect(rule.count == 8 * 193 * 193)
        let mass = rule.integrate(ring.logPdf(rows: rule.coordinates).map(exp))
        #expect(abs(mass.value - 1) < 1e-10, "int ring8 = \(mass.value)")
    }

    @Test("Merging intervals gives the sorted disjoint union")
    func merging() {
        let merged = QuadratureRule.mergedIntervals([(3, 4), (0, 1), (0.5, 2), (2, 2.5), (5, 6)])
        #expect(merged.map(\.0) == [0, 3, 5])
        #expect(merged.map(\.1) == [2.5, 4, 6])
    }
}
