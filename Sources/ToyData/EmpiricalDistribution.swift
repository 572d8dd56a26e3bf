import Autodiff

/// The empirical distribution of a fixed set of points: sampling draws rows uniformly with
/// replacement. This is how a GAN trains on your own data (`--data csv:PATH`).
///
/// It has no modes and no density, so metrics that need them (modes covered, high-quality share)
/// are reported as not applicable; W1, sliced W1 and MMD compare against the points themselves.
public struct EmpiricalDistribution: ToyDistribution {
    /// `[N, d]` the points.
    public let points: Tensor
    public let name: String
    public let summary: String

    public init(points: Tensor, name: String, summary: String? = nil) {
        precondition(points.rank == 2 && points.shape[0] >= 1 && (1...2).contains(points.shape[1]),
                     "EmpiricalDistribution: needs [N, 1] or [N, 2] points, got shape \(points.shape)")
        self.points = points
        self.name = name
        self.summary = summary ?? "\(points.shape[0]) points read from \(name)"
    }

    public var dimension: Int { points.shape[1] }
    public var classCount: Int { 1 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        let n = points.shape[0]
        let rows = (0..<count).map { _ in rng.nextInt(below: n) }
        return LabelledSample(points: points.rows(at: rows), labels: [Int](repeating: 0, count: count))
    }
}
