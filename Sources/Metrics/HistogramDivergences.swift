import Foundation
import Autodiff

/// KL and JS divergences between the histograms of two point sets on a common grid.
public struct HistogramDivergences: Sendable, Hashable, Codable {
    /// `KL(P_x || P_y)` of the smoothed histograms.
    public var kl: Double
    /// `KL(P_y || P_x)` of the smoothed histograms.
    public var reverseKL: Double
    /// `JS(P_x, P_y)` of the raw histograms, in `[0, log 2]`.
    public var js: Double
}

/// Plug-in estimates of the KL and JS divergences between the distributions of `x` and `y`: both
/// sets are binned on the same grid of `bins` cells per axis, and the divergences of the two
/// histograms are returned:
///
/// ```
/// P_x(c) = #{i : x_i in cell c} / n,       P_y(c) likewise
/// JS     = JS(P_x, P_y)                                          (raw histograms; always finite)
/// KL     = KL(P~_x || P~_y),   P~(c) = (P(c) + eps) / (1 + C eps)  (C = bins^d cells, eps = smoothing)
/// ```
///
/// The smoothing gives every cell a little mass so the KL of samples with different supports is
/// finite: when no cell holds points of both sets, `KL = log(1 / eps) - H(P_x)` up to `O(C eps)`,
/// about 23 nats minus the histogram's entropy with the default `eps = 1e-10`. The estimates depend on `bins` and on the sample
/// sizes (a histogram of few points is rough, which biases JS upwards); compare values computed
/// with the same settings.
///
/// - Parameters:
///   - x: `[n, d]` points.
///   - y: `[m, d]` points.
///   - bins: cells per axis (50 by default).
///   - range: the grid's extent on every axis; `nil` uses, per axis, the smallest interval holding
///     both sets. Points outside the range are counted in the nearest edge cell.
///   - smoothing: the pseudo-probability `eps` added to every cell before the KL.
/// - Complexity: O((n + m) d + bins^d).
///
/// Properties the tests check: zero for identical sets; JS symmetric and KL swapped by swapping the
/// sets; `JS = log 2` and `KL = log(1/eps) - H(P_x)` for sets in disjoint cells; a hand-computed case.
public func histogramDivergences(_ x: Tensor, _ y: Tensor, bins: Int = 50, range: ClosedRange<Double>? = nil,
                                 smoothing: Double = 1e-10) -> HistogramDivergences {
    precondition(x.rank == 2 && y.rank == 2 && x.shape[1] == y.shape[1] && x.shape[0] > 0 && y.shape[0] > 0,
                 "histogramDivergences: needs non-empty [n, d] and [m, d] point sets, got shapes \(x.shape) and \(y.shape)")
    precondition(x.isFinite && y.isFinite, "histogramDivergences: points must be finite")
    precondition(bins > 0, "histogramDivergences: bins must be positive, got \(bins)")
    precondition(smoothing > 0, "histogramDivergences: smoothing must be positive, got \(smoothing)")
    let d = x.shape[1]
    var lower = [Double](repeating: range?.lowerBound ?? .infinity, count: d)
    var upper = [Double](repeating: range?.upperBound ?? -.infinity, count: d)
    if range == nil {
        for points in [x, y] {
            for (i, value) in points.scalars.enumerated() {
                lower[i % d] = Swift.min(lower[i % d], value)
                upper[i % d] = Swift.max(upper[i % d], value)
            }
        }
    }
    for k in 0..<d where upper[k] <= lower[k] {
        // All points share this coordinate: any cell width will do; centre them in a unit interval.
        lower[k] -= 0.5
        upper[k] = lower[k] + 1
    }
    let p = histogram(x, bins: bins, lower: lower, upper: upper)
    let q = histogram(y, bins: bins, lower: lower, upper: upper)
    let cells = Double(p.count)
    let smoothedP = p.map { ($0 + smoothing) / (1 + cells * smoothing) }
    let smoothedQ = q.map { ($0 + smoothing) / (1 + cells * smoothing) }
    return HistogramDivergences(kl: klDivergence(p: smoothedP, q: smoothedQ),
                                reverseKL: klDivergence(p: smoothedQ, q: smoothedP),
                                js: jsDivergence(p: p, q: q))
}

/// The normalised histogram of `points` `[n, d]` on the grid with `bins` cells per axis between
/// `lower[k]` and `upper[k]`; cell `(c_0, ..., c_{d-1})` is entry `sum_k c_k bins^k`. A point on an
/// interior cell edge belongs to the upper cell; points outside the grid go to the nearest edge cell.
public func histogram(_ points: Tensor, bins: Int, lower: [Double], upper: [Double]) -> [Double] {
    precondition(points.rank == 2 && points.shape[0] > 0 && bins > 0,
                 "histogram: needs a non-empty [n, d] point set and bins > 0, got shape \(points.shape) and \(bins) bins")
    let n = points.shape[0], d = points.shape[1]
    precondition(lower.count == d && upper.count == d && zip(lower, upper).allSatisfy { $0 < $1 },
                 "histogram: needs lower < upper on each of the \(d) axes, got \(lower) and \(upper)")
    let cells = (0..<d).reduce(1) { product, _ in product * bins }
    precondition(cells <= 1 << 24, "histogram: \(bins)^\(d) cells is too many")
    var counts = [Double](repeating: 0, count: cells)
    for i in 0..<n {
        var cell = 0, stride = 1
        for k in 0..<d {
            let position = (points.scalars[i * d + k] - lower[k]) / (upper[k] - lower[k]) * Double(bins)
            let c = Swift.min(Swift.max(Int(position.rounded(.down)), 0), bins - 1)
            cell += c * stride
            stride *= bins
        }
        counts[cell] += 1
    }
    return counts.map { $0 / Double(n) }
}
