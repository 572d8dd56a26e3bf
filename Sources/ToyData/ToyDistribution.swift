import Autodiff

/// A toy distribution on the line or the plane that a GAN can learn and a person can look at.
///
/// Every distribution draws points together with a label per point (the mixture component, arm,
/// circle or square it came from), so the same data feeds unconditional and conditional GANs.
/// Gaussian mixtures also expose their `modes`, which the mode-coverage metrics need, and every
/// distribution with a closed-form density returns it from `density(_:)`.
///
/// ```
/// var rng = SeededGenerator(seed: 1)
/// let ring = try ToyDatasets.named("ring8")
/// let batch = ring.sample(count: 256, using: &rng)
/// batch.points.shape    // [256, 2]
/// batch.labels.count    // 256, each in 0..<8
/// ```
public protocol ToyDistribution: Sendable {
    /// The name the command line accepts (`--data ring8`).
    var name: String { get }
    /// One line for `gan-notes datasets`.
    var summary: String { get }
    /// The dimension of a point: 1 or 2.
    var dimension: Int { get }
    /// How many distinct labels `sample` can return (labels lie in `0..<classCount`); 1 when the
    /// distribution has no discrete parts.
    var classCount: Int { get }
    /// The mixture components, when the distribution is a mixture of isotropic Gaussians; `nil` otherwise.
    var modes: [Mode]? { get }
    /// `count` independent points, `[count, dimension]`, and the label of each.
    func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample
    /// The probability density at `point` (with respect to Lebesgue measure on R^dimension),
    /// or `nil` when the distribution has no closed-form density.
    func density(_ point: [Double]) -> Double?
}

extension ToyDistribution {
    public var modes: [Mode]? { nil }
    public func density(_ point: [Double]) -> Double? { nil }
}

/// Points drawn from a toy distribution and, for each, the index of the part it came from.
public struct LabelledSample: Sendable, Hashable {
    /// `[N, d]` the points, one per row.
    public var points: Tensor
    /// `N` labels in `0..<classCount` of the distribution that drew them.
    public var labels: [Int]

    public init(points: Tensor, labels: [Int]) {
        precondition(points.rank == 2 && points.shape[0] == labels.count,
                     "LabelledSample: points of shape \(points.shape) need one label per row, got \(labels.count) labels")
        self.points = points
        self.labels = labels
    }

    /// The number of points.
    public var count: Int { labels.count }
}

/// One isotropic Gaussian component of a mixture: `N(mean, std^2 I)` with mixture weight `weight`.
public struct Mode: Sendable, Hashable, Codable {
    public var mean: [Double]
    public var std: Double
    public var weight: Double

    public init(mean: [Double], std: Double, weight: Double) {
        self.mean = mean
        self.std = std
        self.weight = weight
    }
}
