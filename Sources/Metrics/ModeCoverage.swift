import Foundation
import Autodiff

/// How well a set of generated points covers the modes of a Gaussian mixture, as VEEGAN
/// (Srivastava et al. 2017) and PacGAN (Lin et al. 2018) measure it on the 2-D ring and grid.
public struct ModeCoverage: Sendable, Hashable, Codable {
    /// Modes with at least one high-quality sample.
    public var modesCovered: Int
    /// Modes of the mixture.
    public var modesTotal: Int
    /// Points evaluated.
    public var sampleCount: Int
    /// Points within `threshold` standard deviations of their nearest mode.
    public var highQualityCount: Int
    /// `highQualityCount / sampleCount` (0 for an empty sample).
    public var highQualityShare: Double
    /// High-quality points assigned to each mode.
    public var highQualityPerMode: [Int]
    /// `KL(q || p)`, with `q` the histogram of high-quality points over modes and `p` the true mode
    /// weights; `nil` when there are no high-quality points (then `q` is undefined).
    public var reverseKL: Double?
    /// `JS(q, p)` for the same `q` and `p`, in `[0, log 2]`; `nil` when there are no high-quality points.
    public var jsDivergence: Double?
}

/// Mode coverage and sample quality of `samples` against the mixture `sum_k w_k N(mu_k, sigma_k^2 I)`,
/// as defined by VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018, who draw 2500
/// samples and use a threshold of three standard deviations):
///
/// ```
/// r_i   = min_k ||x_i - mu_k|| / sigma_k          k_i = argmin (lowest k on ties)
/// x_i is high quality            if r_i < threshold
/// mode k is covered              if some high-quality x_i has k_i = k
/// q_k   = #{high-quality i : k_i = k} / #{high-quality i}
/// reverse KL = KL(q || p) = sum_{k : q_k > 0} q_k log(q_k / w_k)
/// JS         = JS(q, p)
/// ```
///
/// Empty bins of `q` contribute nothing to `KL(q || p)` (the `0 log 0 = 0` convention), so missing
/// modes raise the reverse KL only through the extra mass on the covered ones: a sample that
/// covers one of `K` equal modes scores `log K`. With no high-quality points at all, `q` is
/// undefined and both divergences are `nil`.
///
/// - Parameters:
///   - samples: `[N, d]` generated points.
///   - means: `K` mode means of length `d`.
///   - stds: `K` positive standard deviations.
///   - weights: `K` positive true mode weights (normalised here); `nil` for equal weights.
///   - threshold: the quality radius in standard deviations; 3 in both papers.
/// - Complexity: O(N K d).
///
/// Properties the tests check: a sample of the mixture itself covers every mode with a
/// high-quality share near `P(chi_d < 3)` (`1 - exp(-9/2)` in 2-D); a sample of one mode covers one
/// with reverse KL `log K`; points placed at the threshold are classified correctly; the
/// divergences vanish when `q = p`.
public func modeCoverage(of samples: Tensor, means: [[Double]], stds: [Double], weights: [Double]? = nil,
                         threshold: Double = 3) -> ModeCoverage {
    let k = means.count
    precondition(k > 0, "modeCoverage: needs at least one mode")
    let d = means[0].count
    precondition(means.allSatisfy { $0.count == d }, "modeCoverage: means of unequal lengths \(means.map(\.count))")
    precondition(samples.rank == 2 && samples.shape[1] == d,
                 "modeCoverage: samples of shape \(samples.shape) for modes of dimension \(d); expected [N, \(d)]")
    precondition(stds.count == k && stds.allSatisfy { $0 > 0 }, "modeCoverage: needs \(k) positive stds, got \(stds)")
    let w = weights ?? [Double](repeating: 1, count: k)
    precondition(w.count == k && w.allSatisfy { $0 > 0 }, "modeCoverage: needs \(k) positive weights, got \(w)")
    precondition(threshold > 0, "modeCoverage: threshold must be positive, got \(threshold)")

    let n = samples.shape[0]
    var perMode = [Int](repeating: 0, count: k)
    let x = samples.scalars
    for i in 0..<n {
        var best = Double.infinity, bestMode = 0
        for m in 0..<k {
            var squared = 0.0
            for j in 0..<d { let t = x[i * d + j] - means[m][j]; squared += t * t }
            let r = squared.squareRoot() / stds[m]
            if r < best { best = r; bestMode = m }
        }
        if best < threshold { perMode[bestMode] += 1 }
    }
    let highQuality = perMode.reduce(0, +)
    let q = perMode.map(Double.init)
    return ModeCoverage(
        modesCovered: perMode.filter { $0 > 0 }.count,
        modesTotal: k,
        sampleCount: n,
        highQualityCount: highQuality,
        highQualityShare: n > 0 ? Double(highQuality) / Double(n) : 0,
        highQualityPerMode: perMode,
        reverseKL: highQuality > 0 ? klDivergence(p: q, q: w) : nil,
        jsDivergence: highQuality > 0 ? jsDivergence(p: q, q: w) : nil)
}
