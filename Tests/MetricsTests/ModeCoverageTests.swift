import Foundation
import Testing
import Autodiff
import Metrics
import ToyData

/// Mode coverage against a toy mixture's own modes.
func coverage(_ points: Tensor, of mixture: GaussianMixture, threshold: Double = 3) -> ModeCoverage {
    modeCoverage(of: points, means: mixture.means, stds: mixture.stds, weights: mixture.weights, threshold: threshold)
}

@Suite("Mode coverage (VEEGAN / PacGAN)")
struct ModeCoverageTests {
    @Test("2500 points of ring8 itself cover 8/8 modes with high-quality share P(chi_2 < 3) = 1 - exp(-9/2)",
          arguments: 0..<10)
    func ringCoversItself(seed: UInt64) throws {
        // ||x - mu|| / sigma of a 2-D isotropic Gaussian is chi with 2 degrees of freedom:
        // P(R < 3) = 1 - exp(-3^2 / 2) ~ 0.98889. The modes are 38 sds apart, so the nearest mode is
        // the point's own and the high-quality count is Binomial(2500, 0.98889): se 0.0021.
        let ring = GaussianMixture.ring8()
        var rng = SeededGenerator(seed: seed)
        let n = 2500
        let result = coverage(ring.sample(count: n, using: &rng).points, of: ring)
        let expected = 1 - exp(-4.5)
        #expect(result.modesCovered == 8 && result.modesTotal == 8 && result.sampleCount == n, "seed \(seed)")
        #expect(abs(result.highQualityShare - expected) <= 5 * (expected * (1 - expected) / Double(n)).squareRoot(),
                "share \(result.highQualityShare) vs \(expected), seed \(seed)")
        #expect(result.highQualityPerMode.reduce(0, +) == result.highQualityCount)
        #expect(abs(Double(result.highQualityCount) / Double(n) - result.highQualityShare) < 1e-15)
        // q is near uniform: with about 309 points per mode, reverse KL is of order (K - 1) / (2 N) ~ 0.0014.
        let kl = try #require(result.reverseKL)
        #expect(kl >= 0 && kl < 0.01, "reverse KL \(kl), seed \(seed)")
    }

    @Test("grid25 covers 25/25 and the 1-D mixture's share is P(|Z| < 3) = erf(3 / sqrt 2)", arguments: 0..<5)
    func gridAndOneDimensional(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 2500
        let grid = GaussianMixture.grid25()
        let gridResult = coverage(grid.sample(count: n, using: &rng).points, of: grid)
        #expect(gridResult.modesCovered == 25, "seed \(seed)")
        let line = GaussianMixture(means: [-10, 0, 10], stds: [1, 1, 1])
        let lineResult = coverage(line.sample(count: n, using: &rng).points, of: line)
        let expected = erf(3 / 2.0.squareRoot())
        #expect(abs(lineResult.highQualityShare - expected) <= 5 * (expected * (1 - expected) / Double(n)).squareRoot(),
                "1-D share \(lineResult.highQualityShare) vs \(expected), seed \(seed)")
    }

    @Test("points from one ring mode cover 1/8, with reverse KL log 8 and the one-hot JS")
    func oneModeCollapse() throws {
        let ring = GaussianMixture.ring8()
        var rng = SeededGenerator(seed: 4)
        let batch = ring.sample(count: 5000, using: &rng)
        let onlyMode3 = batch.points.rows(at: batch.labels.indices.filter { batch.labels[$0] == 3 })
        let result = coverage(onlyMode3, of: ring)
        #expect(result.modesCovered == 1 && result.highQualityPerMode[3] == result.highQualityCount)
        // q = e_3, p = 1/8 each. KL(q || p) = log 8.
        // m = (q + p)/2 is 9/16 at mode 3 and 1/16 elsewhere:
        // JS = 1/2 log(16/9) + 1/2 [1/8 log(2/9) + 7/8 log 2].
        #expect(abs(try #require(result.reverseKL) - log(8.0)) < 1e-12)
        let js = 0.5 * log(16.0 / 9) + 0.5 * (log(2.0 / 9) / 8 + 7 * log(2.0) / 8)
        #expect(abs(try #require(result.jsDivergence) - js) < 1e-12)
    }

    @Test("the threshold is in units of each mode's own sd, and strict")
    func thresholdInStandardDeviations() {
        // Mode 0 at the origin with sd 1, mode 1 at (100, 0) with sd 10.
        let means: [[Double]] = [[0, 0], [100, 0]]
        let stds = [1.0, 10]
        let points = Tensor(rows: [
            [0, 2.9],      // 2.9 sds from mode 0: high quality
            [3.1, 0],      // 3.1 sds from mode 0: not
            [0, 3],        // exactly 3 sds: not (the test is r < 3)
            [100, 29],     // 2.9 sds of mode 1
            [131, 0],      // 3.1 sds of mode 1
            [70, 0],       // 3 sds of mode 1 but 70 of mode 0: nearest in sds is mode 1; not high quality
        ])
        let result = modeCoverage(of: points, means: means, stds: stds)
        #expect(result.highQualityPerMode == [1, 1])
        #expect(result.highQualityCount == 2 && result.modesCovered == 2)
        #expect(abs(result.highQualityShare - 2.0 / 6) < 1e-15)
        // A looser threshold admits the 3.1-sd points.
        #expect(modeCoverage(of: points, means: means, stds: stds, threshold: 3.2).highQualityPerMode == [3, 3])
    }

    @Test("points at the modes in proportion to the weights give zero divergences; uniform points on unequal weights give the hand value")
    func divergencesAgainstTrueWeights() throws {
        let means: [[Double]] = [[0], [10], [20], [30]]
        let stds = [1.0, 1, 1, 1]
        // Weights (1, 1, 2, 4)/8 and points placed 1, 1, 2, 4 per mode: q = p exactly.
        let placed = Tensor(shape: [8, 1], scalars: [0, 10, 20, 20, 30, 30, 30, 30])
        let exact = modeCoverage(of: placed, means: means, stds: stds, weights: [1, 1, 2, 4])
        #expect(try #require(exact.reverseKL) == 0 && exact.jsDivergence == 0)
        // One point per mode: q uniform, KL(q || p) = 1/4 [log 2 + log 2 + log 1 + log(1/2)] = log 2 / 4.
        let uniform = modeCoverage(of: Tensor(shape: [4, 1], scalars: [0, 10, 20, 30]), means: means, stds: stds,
                                   weights: [1, 1, 2, 4])
        #expect(abs(try #require(uniform.reverseKL) - log(2.0) / 4) < 1e-15)
    }

    @Test("no high-quality points: nothing covered, share 0, divergences undefined")
    func noHighQualityPoints() {
        let ring = GaussianMixture.ring8()
        let far = Tensor(rows: [[5, 5], [-5, 5], [0, 0]])
        let result = coverage(far, of: ring)
        #expect(result.modesCovered == 0 && result.highQualityCount == 0 && result.highQualityShare == 0)
        #expect(result.reverseKL == nil && result.jsDivergence == nil)
        let empty = coverage(Tensor(shape: [0, 2], scalars: []), of: ring)
        #expect(empty.sampleCount == 0 && empty.highQualityShare == 0 && empty.reverseKL == nil)
    }
}
