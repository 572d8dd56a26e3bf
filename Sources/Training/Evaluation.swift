import Autodiff
import Metrics
import ToyData

/// The sample-quality metrics a run reports, computed the same way for every objective.
public enum Evaluation {
    /// Points per side for the exact W1 and MMD: optimal assignment is O(n^3), so it runs on
    /// the first 512 generated points against 512 fresh data points.
    public static let pairedSampleSize = 512
    /// The largest coordinate whose squared distances stay finite in `Double` (1e150 squared
    /// and summed over a few dimensions is far below 1.8e308); larger points measure as infinitely far.
    public static let largestMeasurable = 1e150

    /// - Mode coverage and high-quality share on all `generated` points (2500 in the PacGAN protocol),
    ///   when the distribution has known modes.
    /// - Exact empirical W1 and RBF MMD^2 (unbiased, fixed bandwidth 1 so values compare across
    ///   steps and runs) on `pairedSampleSize` points per side.
    /// - Sliced W1 (128 directions) on all points.
    public static func measure(generated: Tensor, data: any ToyDistribution,
                               using rng: inout SeededGenerator) -> SampleMetrics {
        let n = generated.shape[0]
        // The metrics refuse non-finite points; a generator that produces them has no finite
        // distance. Nor does one that produces finite points beyond 1e150: their squared
        // distances overflow to infinity (a diverging run reaches them before it reaches NaN).
        guard generated.scalars.allSatisfy({ Swift.abs($0) < Evaluation.largestMeasurable }) else {
            return SampleMetrics(modesCovered: data.modes == nil ? nil : 0, modesTotal: data.modes?.count,
                                 highQualityShare: data.modes == nil ? nil : 0, reverseKL: nil,
                                 w1: .infinity, slicedW1: .infinity, mmd: .infinity)
        }
        let real = data.sample(count: n, using: &rng).points                      // [n, d]
        let m = Swift.min(pairedSampleSize, n)
        let realPaired = real.slice(alongAxis: 0, 0..<m)                          // [m, d]
        let fakePaired = generated.slice(alongAxis: 0, 0..<m)                     // [m, d]
        var coverage: ModeCoverage?
        if let modes = data.modes {
            coverage = modeCoverage(of: generated, means: modes.map(\.mean), stds: modes.map(\.std),
                                    weights: modes.map(\.weight))
        }
        return SampleMetrics(
            modesCovered: coverage?.modesCovered, modesTotal: coverage?.modesTotal,
            highQualityShare: coverage?.highQualityShare, reverseKL: coverage?.reverseKL,
            w1: wasserstein1(realPaired, fakePaired),
            slicedW1: slicedWasserstein1(real, generated, projections: 128, using: &rng),
            mmd: mmdSquared(realPaired, fakePaired, bandwidth: 1))
    }
}
