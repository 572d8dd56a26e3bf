import Foundation
import Autodiff
import ToyData

/// A random Gaussian mixture for property tests: 1 to 3 components, means in `[-3, 3]^d`, standard
/// deviations in `stdRange`, weights in `[0.2, 1]` before normalisation.
func randomMixture(dimension: Int, stdRange: ClosedRange<Double> = 0.4...1.2,
                   using rng: inout SeededGenerator) -> GaussianMixture {
    let k = 1 + rng.nextInt(below: 3)
    let means = (0..<k).map { _ in (0..<dimension).map { _ in -3 + 6 * rng.nextUniform() } }
    let stds = (0..<k).map { _ in stdRange.lowerBound + (stdRange.upperBound - stdRange.lowerBound) * rng.nextUniform() }
    let weights = (0..<k).map { _ in 0.2 + 0.8 * rng.nextUniform() }
    return GaussianMixture(means: means, stds: stds, weights: weights)
}

/// `mixture` moved by `offset` (a vector of its dimension).
func translated(_ mixture: GaussianMixture, by offset: [Double]) -> GaussianMixture {
    GaussianMixture(means: mixture.means.map { zip($0, offset).map(+) }, stds: mixture.stds, weights: mixture.weights)
}

/// The closed-form KL divergence between two isotropic Gaussians in `d` dimensions:
/// `KL(N(m1, s1^2 I) || N(m2, s2^2 I)) = d log(s2 / s1) + (d s1^2 + |m1 - m2|^2) / (2 s2^2) - d / 2`.
func gaussianKL(_ m1: [Double], _ s1: Double, _ m2: [Double], _ s2: Double) -> Double {
    let d = Double(m1.count)
    let squaredDistance = zip(m1, m2).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return d * log(s2 / s1) + (d * s1 * s1 + squaredDistance) / (2 * s2 * s2) - d / 2
}
