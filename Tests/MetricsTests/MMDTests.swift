import Foundation
import Testing
import Autodiff
import Metrics

@Suite("MMD with an RBF kernel")
struct MMDTests {
    @Test("the biased estimate is 0 for identical sets and positive for different ones", arguments: 0..<10)
    func biasedZeroAndPositive(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([40, 2], using: &rng), y = Tensor.randomNormal([30, 2], mean: 0.3, using: &rng)
        #expect(abs(mmdSquared(x, x, estimator: .biased)) < 1e-12, "seed \(seed)")
        #expect(mmdSquared(x, y, estimator: .biased) > 0, "seed \(seed)")
    }

    @Test("one point against one point: biased MMD^2 = 2 - 2 k(a, b)")
    func twoPoints() {
        let a = Tensor(rows: [[0, 0]]), b = Tensor(rows: [[1, 1]])
        // ||a - b||^2 = 2, sigma = 2: k = exp(-2 / 8).
        #expect(abs(mmdSquared(a, b, bandwidth: 2, estimator: .biased) - (2 - 2 * exp(-0.25))) < 1e-15)
    }

    @Test("averaged over seeds, the unbiased estimate hits the population MMD^2 of two Gaussians and the biased one adds its bias")
    func unbiasedAndBiasedExpectations() {
        // x ~ N(0, 1), y ~ N(mu, 1) in 1-D, kernel width sigma. For independent a - b ~ N(m, tau^2),
        // E exp(-(a - b)^2 / (2 sigma^2)) = sigma / sqrt(sigma^2 + tau^2) exp(-m^2 / (2 (sigma^2 + tau^2))).
        // Within a sample tau^2 = 2, m = 0; across, m = mu. So
        //   MMD^2 = 2 c (1 - exp(-mu^2 / (2 (sigma^2 + 2)))),   c = sigma / sqrt(sigma^2 + 2),
        // and the biased estimate adds the diagonal terms: E[biased] = MMD^2 + (1 - c)(1/n + 1/m).
        let mu = 0.5, sigma = 1.0, n = 50, m = 40, runs = 300
        let c = sigma / (sigma * sigma + 2).squareRoot()
        let population = 2 * c * (1 - exp(-mu * mu / (2 * (sigma * sigma + 2))))
        let bias = (1 - c) * (1 / Double(n) + 1 / Double(m))
        var unbiased: [Double] = [], biased: [Double] = []
        for seed in 0..<runs {
            var rng = SeededGenerator(seed: UInt64(seed))
            let x = Tensor.randomNormal([n, 1], using: &rng), y = Tensor.randomNormal([m, 1], mean: mu, using: &rng)
            unbiased.append(mmdSquared(x, y, bandwidth: sigma))
            biased.append(mmdSquared(x, y, bandwidth: sigma, estimator: .biased))
        }
        func meanAndSE(_ v: [Double]) -> (Double, Double) {
            let mean = v.reduce(0, +) / Double(v.count)
            let sd = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
            return (mean, sd / Double(v.count).squareRoot())
        }
        let (mu1, se1) = meanAndSE(unbiased), (mu2, se2) = meanAndSE(biased)
        #expect(abs(mu1 - population) <= 5 * se1, "unbiased mean \(mu1) vs \(population) (se \(se1))")
        #expect(abs(mu2 - (population + bias)) <= 5 * se2, "biased mean \(mu2) vs \(population + bias) (se \(se2))")
        // The bias is larger than the tolerance, so the two checks tell the estimators apart.
        #expect(bias > 5 * max(se1, se2))
    }

    @Test("the median heuristic is the median pairwise distance of the pooled sample")
    func medianHeuristic() {
        // Pooled {0, 1, 3}: distances 1, 3, 2; median 2. Pooled {0, 1, 3, 7}: 1, 3, 7, 2, 6, 4; lower median 3.
        #expect(medianHeuristicBandwidth(Tensor(shape: [1, 1], scalars: [0]), Tensor(shape: [2, 1], scalars: [1, 3])) == 2)
        #expect(medianHeuristicBandwidth(Tensor(shape: [2, 1], scalars: [0, 1]), Tensor(shape: [2, 1], scalars: [3, 7])) == 3)
    }
}
