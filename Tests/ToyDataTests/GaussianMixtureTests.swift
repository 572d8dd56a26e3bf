import Foundation
import Testing
import Autodiff
import ToyData

/// The mixtures the sampling tests run over: the catalogue plus two hand-made ones with unequal
/// weights and standard deviations, so a sampler that ignored either would fail.
let testedMixtures: [GaussianMixture] = [
    .ring8(), .grid25(), .eightGaussians, .twentyFiveGaussians, .standardGaussian, .mixture1D(),
    GaussianMixture(means: [-1, 0.5, 3], stds: [0.2, 1, 0.5], weights: [1, 2, 5]),
    GaussianMixture(means: [[0, 0], [2, -1]], stds: [0.3, 0.7], weights: [0.8, 0.2]),
]

@Suite("Gaussian mixtures")
struct GaussianMixtureTests {
    @Test("per-component sample means, sds and label frequencies match the definition",
          arguments: testedMixtures.indices, 0..<3)
    func componentStatistics(mixtureIndex: Int, seed: UInt64) throws {
        let mixture = testedMixtures[mixtureIndex]
        var rng = SeededGenerator(seed: seed)
        let n = 20_000
        let batch = mixture.sample(count: n, using: &rng)
        #expect(batch.points.shape == [n, mixture.dimension])
        let d = mixture.dimension
        for k in 0..<mixture.classCount {
            let rows = batch.labels.indices.filter { batch.labels[$0] == k }
            let frequency = Double(rows.count) / Double(n)
            let w = mixture.weights[k]
            #expect(abs(frequency - w) <= zTolerance * binomialStandardError(p: w, n: n),
                    "\(mixture.name) component \(k) frequency \(frequency) vs weight \(w), seed \(seed)")
            try #require(rows.count > 2, "\(mixture.name) component \(k) drew too few points, seed \(seed)")
            let sigma = mixture.stds[k]
            for j in 0..<d {
                let xs = rows.map { batch.points.scalars[$0 * d + j] }
                let m = mean(xs), s = standardDeviation(xs)
                #expect(abs(m - mixture.means[k][j]) <= zTolerance * sigma / Double(rows.count).squareRoot(),
                        "\(mixture.name) component \(k) coordinate \(j): mean \(m) vs \(mixture.means[k][j]), seed \(seed)")
                #expect(abs(s - sigma) <= zTolerance * standardErrorOfSD(sigma: sigma, n: rows.count),
                        "\(mixture.name) component \(k) coordinate \(j): sd \(s) vs \(sigma), seed \(seed)")
            }
        }
    }

    @Test("each label names the nearest mode when the modes are far apart",
          arguments: [GaussianMixture.ring8(), .grid25(), .eightGaussians, .twentyFiveGaussians])
    func labelsAreNearestModes(mixture: GaussianMixture) {
        // Neighbouring modes are at least 38 sds apart in all four, so a point closer to a
        // neighbour than to its own mode would need a 19-sd excursion: it never happens by chance.
        var rng = SeededGenerator(seed: 7)
        let batch = mixture.sample(count: 5_000, using: &rng)
        for (i, row) in batch.points.rows.enumerated() {
            let distances = mixture.means.map { zip($0, row).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            let nearest = distances.indices.min { distances[$0] < distances[$1] }!
            #expect(nearest == batch.labels[i], "\(mixture.name) point \(i) \(row) has label \(batch.labels[i]), nearest mode \(nearest)")
        }
    }

    @Test("weights are normalised and modes mirror means, stds and weights")
    func weightsNormalisedAndModes() throws {
        let mixture = GaussianMixture(means: [[0, 1], [2, 3]], stds: [0.5, 2], weights: [1, 3])
        #expect(mixture.weights == [0.25, 0.75])
        let modes = try #require(mixture.modes)
        #expect(modes == [Mode(mean: [0, 1], std: 0.5, weight: 0.25), Mode(mean: [2, 3], std: 2, weight: 0.75)])
        #expect(mixture.dimension == 2 && mixture.classCount == 2)
    }

    @Test("a zero-weight component is never drawn")
    func zeroWeightNeverDrawn() {
        let mixture = GaussianMixture(means: [-1, 0, 1], stds: [1, 1, 1], weights: [1, 0, 1])
        var rng = SeededGenerator(seed: 3)
        #expect(!mixture.sample(count: 10_000, using: &rng).labels.contains(1))
    }

    @Test("the standard 2-D Gaussian has density 1/(2 pi) at the origin and exp(-1/2)/(2 pi) at distance 1")
    func standardGaussianDensityValues() {
        let g = GaussianMixture.standardGaussian
        #expect(abs(g.pdf([0, 0]) - 1 / (2 * Double.pi)) < 1e-15)
        #expect(abs(g.pdf([0.6, -0.8]) - exp(-0.5) / (2 * Double.pi)) < 1e-15)
    }

    @Test("1-D densities integrate to 1 (midpoint rule on [-12, 12])",
          arguments: [GaussianMixture.mixture1D(), GaussianMixture(means: [-1, 0.5, 3], stds: [0.2, 1, 0.5], weights: [1, 2, 5])])
    func oneDimensionalDensityIntegratesToOne(mixture: GaussianMixture) {
        // The midpoint rule with step h integrates a Gaussian of sd sigma with error of order
        // exp(-2 pi^2 sigma^2 / h^2); with h = sigma_min / 10 that is far below rounding, and the
        // mass outside [-12, 12] is below 1e-40. So the sum must be 1 up to rounding.
        let h = 0.002
        let steps = Int(24 / h)
        var total = 0.0
        for i in 0..<steps { total += mixture.pdf(-12 + (Double(i) + 0.5) * h) * h }
        #expect(abs(total - 1) < 1e-9, "\(mixture.summary): integral \(total)")
    }

    @Test("2-D densities integrate to 1 (midpoint rule on a box holding all the mass)",
          arguments: [
            (GaussianMixture.ring8(), -1.2, 1.2, 0.004),
            (GaussianMixture.standardGaussian, -10.0, 10.0, 0.05),
            (GaussianMixture(means: [[0, 0], [2, -1]], stds: [0.3, 0.7], weights: [0.8, 0.2]), -7.0, 9.0, 0.02),
          ])
    func twoDimensionalDensityIntegratesToOne(mixture: GaussianMixture, low: Double, high: Double, h: Double) {
        let steps = Int(((high - low) / h).rounded())
        var total = 0.0
        for i in 0..<steps {
            let x = low + (Double(i) + 0.5) * h
            for j in 0..<steps { total += mixture.pdf([x, low + (Double(j) + 0.5) * h]) }
        }
        total *= h * h
        #expect(abs(total - 1) < 1e-9, "\(mixture.summary): integral \(total)")
    }
}

extension GaussianMixture: CustomTestStringConvertible {
    public var testDescription: String { "\(name): \(summary)" }
}
