import Testing
import Foundation
import Autodiff
import ToyData
import Metrics
@testable import WassersteinBounds

@Suite("The parallel lines of WGAN's Example 1")
struct ParallelLinesTests {
    @Test("closed forms: W1 = |theta|; JS = log 2, KL = inf, TV = 1 for any theta != 0; all 0 at 0", arguments: 0..<20)
    func closedForms(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let theta = (rng.nextUniform() - 0.5) * Foundation.pow(10, Double(rng.nextInt(below: 6)) - 3)
        let d = ParallelLinesDistances(theta: theta)
        #expect(d.w1 == Swift.abs(theta) && d.w1Slope == (theta > 0 ? 1 : -1), "seed \(seed)")
        #expect(d.js == Foundation.log(2) && d.kl == .infinity && d.reverseKL == .infinity && d.totalVariation == 1, "seed \(seed)")
        #expect(d.jsSlope == 0, "seed \(seed)")
        let zero = ParallelLinesDistances(theta: 0)
        #expect(zero.w1 == 0 && zero.js == 0 && zero.kl == 0 && zero.totalVariation == 0 && zero.jsSlope == nil)
    }

    @Test("the exact empirical W1 of the lines is |theta| for coupled samples and at least |theta| for independent ones", arguments: 0..<10)
    func empiricalW1(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let theta = rng.nextUniform() * 2 - 1
        var a = rng, b = rng             // the same heights u on both lines
        let p = ParallelLine(offset: 0).sample(count: 40, using: &a).points
        let q = ParallelLine(offset: theta).sample(count: 40, using: &b).points
        #expect(close(wasserstein1(p, q), Swift.abs(theta), 1e-12), "seed \(seed)")
        let independent = ParallelLine(offset: theta).sample(count: 40, using: &rng).points
        #expect(wasserstein1(p, independent) >= Swift.abs(theta) - 1e-12, "seed \(seed)")
    }

    @Test("trained far apart: the critic's slope is about sign(theta), the classifier's a small fraction of it")
    func learnedGradients() throws {
        let r = parallelLinesExperiment(thetas: [-1, 1], criticSteps: 250, width: 32, sampleSize: 64, seed: 3)
        for row in r.rows {
            let l = try #require(row.learned)
            let theta = row.exact.theta
            #expect(l.criticSlope * theta > 0.7, "theta \(theta): critic slope \(l.criticSlope)")
            #expect(Swift.abs(l.criticSlope) < 1.3, "theta \(theta): a penalised critic's slope is near 1")
            #expect(Swift.abs(l.classifierSlope) < 0.2 * Swift.abs(l.criticSlope), "theta \(theta): classifier slope \(l.classifierSlope)")
            #expect(l.jsEstimate > 0.6 && l.jsEstimate <= Foundation.log(2) + 1e-9, "theta \(theta): JS estimate \(l.jsEstimate)")
            #expect(Swift.abs(l.criticEstimate - 1) < 0.2, "theta \(theta): W1 estimate \(l.criticEstimate)")
        }
        #expect(parallelLinesExperiment(thetas: [0.5], criticSteps: 0).rows[0].learned == nil)
    }
}
