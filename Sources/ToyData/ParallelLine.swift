import Autodiff

/// `line`: the uniform distribution on a vertical unit segment, the building block of the
/// "learning parallel lines" example of WGAN (Arjovsky, Chintala, Bottou 2017, Example 1):
///
/// ```
/// x = (offset, u),   u ~ U[0, 1)
/// ```
///
/// `P_0` is `ParallelLine(offset: 0)` and `P_theta` is `ParallelLine(offset: theta)`. Their supports
/// are disjoint for `theta != 0`, so `JS(P_0, P_theta) = log 2` and `KL = +infinity` however close the
/// lines, while `W1(P_0, P_theta) = |theta|`. The distribution is singular (no density); labels are 0.
public struct ParallelLine: ToyDistribution {
    public var offset: Double

    public init(offset: Double = 0) { self.offset = offset }

    public var name: String { "line" }
    public var summary: String { "uniform on the segment {\(offset)} x [0, 1) (WGAN parallel-lines example)" }
    public var dimension: Int { 2 }
    public var classCount: Int { 1 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "ParallelLine.sample: count must be non-negative, got \(count)")
        var points = [Double](repeating: 0, count: 2 * count)
        for n in 0..<count {
            points[2 * n] = offset
            points[2 * n + 1] = rng.nextUniform()
        }
        return LabelledSample(points: Tensor(shape: [count, 2], scalars: points),
                              labels: [Int](repeating: 0, count: count))
    }
}
