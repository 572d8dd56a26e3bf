import Foundation
import Autodiff

/// A finite mixture of isotropic Gaussians in any dimension:
///
/// ```
/// p(x) = sum_k w_k N(x; mu_k, sigma_k^2 I)
///      = sum_k w_k (2 pi sigma_k^2)^(-d/2) exp(-||x - mu_k||^2 / (2 sigma_k^2))
/// ```
///
/// Sampling draws the component `k` with probability `w_k` (that `k` is the label), then
/// `x = mu_k + sigma_k z` with `z ~ N(0, I)`.
///
/// The named toy mixtures (`ring8`, `grid25`, `8gaussians`, ...) are built from this type in
/// `GaussianMixture+Catalogue.swift`; note 1 also builds arbitrary 1-D mixtures from it to draw the
/// optimal discriminator `D*(x) = p_data(x) / (p_data(x) + p_g(x))`, which needs both densities.
///
/// Properties the tests check: per-component sample means and standard deviations and the label
/// frequencies agree with `means`, `stds` and `weights`; the density integrates to 1 in 1-D and 2-D.
public struct GaussianMixture: ToyDistribution {
    public let name: String
    public let summary: String
    /// `K` component means, all of length `dimension`.
    public let means: [[Double]]
    /// `K` component standard deviations (per coordinate), all positive.
    public let stds: [Double]
    /// `K` mixture weights, normalised to sum to 1.
    public let weights: [Double]
    /// Running sums of `weights`, for drawing a component by inversion.
    private let cumulativeWeights: [Double]

    /// A mixture of `means.count` isotropic Gaussians.
    ///
    /// - Parameters:
    ///   - means: the component means; at least one, all of the same length (the dimension).
    ///   - stds: one positive standard deviation per component.
    ///   - weights: non-negative weights, normalised here; `nil` gives equal weights.
    ///   - name: the name shown in listings; `"mixture"` unless one of the catalogue's.
    ///   - summary: a one-line description; generated from the sizes when `nil`.
    public init(means: [[Double]], stds: [Double], weights: [Double]? = nil,
                name: String = "mixture", summary: String? = nil) {
        let k = means.count
        precondition(k > 0, "GaussianMixture: needs at least one component")
        let d = means[0].count
        precondition(d > 0 && means.allSatisfy { $0.count == d },
                     "GaussianMixture: means must all have the same positive length, got lengths \(means.map(\.count))")
        precondition(stds.count == k, "GaussianMixture: \(k) means but \(stds.count) stds")
        precondition(stds.allSatisfy { $0 > 0 && $0.isFinite }, "GaussianMixture: stds must be positive and finite, got \(stds)")
        let w = weights ?? [Double](repeating: 1, count: k)
        precondition(w.count == k, "GaussianMixture: \(k) means but \(w.count) weights")
        precondition(w.allSatisfy { $0 >= 0 && $0.isFinite }, "GaussianMixture: weights must be non-negative and finite, got \(w)")
        let total = w.reduce(0, +)
        precondition(total > 0, "GaussianMixture: weights sum to zero")
        self.means = means
        self.stds = stds
        self.weights = w.map { $0 / total }
        var running = 0.0
        self.cumulativeWeights = self.weights.map { running += $0; return running }
        self.name = name
        self.summary = summary ?? "mixture of \(k) isotropic Gaussians in \(d)-D"
    }

    /// A 1-D mixture: `means[k]` is the k-th component's mean.
    public init(means: [Double], stds: [Double], weights: [Double]? = nil,
                name: String = "mixture", summary: String? = nil) {
        self.init(means: means.map { [$0] }, stds: stds, weights: weights, name: name, summary: summary)
    }

    public var dimension: Int { means[0].count }
    public var classCount: Int { means.count }

    public var modes: [Mode]? {
        (0..<means.count).map { Mode(mean: means[$0], std: stds[$0], weight: weights[$0]) }
    }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "GaussianMixture.sample: count must be non-negative, got \(count)")
        let d = dimension
        var points = [Double](repeating: 0, count: count * d)
        var labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let k = drawComponent(using: &rng)
            labels[i] = k
            for j in 0..<d { points[i * d + j] = means[k][j] + stds[k] * rng.nextNormal() }
        }
        return LabelledSample(points: Tensor(shape: [count, d], scalars: points), labels: labels)  // [count, d]
    }

    /// The component index `k` with probability `weights[k]`: the first `k` whose running weight
    /// exceeds a uniform draw.
    private func drawComponent(using rng: inout some RandomNumberGenerator) -> Int {
        let u = rng.nextUniform()
        for (k, c) in cumulativeWeights.enumerated() where u < c { return k }
        // Rounding can leave the last running sum a hair below 1; the draw then belongs to the last
        // component with positive weight.
        return weights.lastIndex { $0 > 0 }!
    }

    /// The mixture density at `point` (length `dimension`).
    public func pdf(_ point: [Double]) -> Double {
        precondition(point.count == dimension,
                     "GaussianMixture.pdf: point of length \(point.count) for a \(dimension)-D mixture")
        var p = 0.0
        for k in 0..<means.count {
            var squaredDistance = 0.0
            for j in 0..<dimension { let t = point[j] - means[k][j]; squaredDistance += t * t }
            let variance = stds[k] * stds[k]
            let normaliser = Foundation.pow(2 * Double.pi * variance, -Double(dimension) / 2)
            p += weights[k] * normaliser * Foundation.exp(-squaredDistance / (2 * variance))
        }
        return p
    }

    /// The density of a 1-D mixture at `x`.
    public func pdf(_ x: Double) -> Double {
        precondition(dimension == 1, "GaussianMixture.pdf(Double): needs a 1-D mixture, this one is \(dimension)-D")
        return pdf([x])
    }

    public func density(_ point: [Double]) -> Double? { pdf(point) }
}
