import Foundation
import ToyData

/// An axis-aligned box `[lower_0, upper_0] x ... x [lower_(d-1), upper_(d-1)]` in 1-D or 2-D.
public struct Box: Sendable, Hashable, Codable {
    public var lower: [Double]
    public var upper: [Double]

    public init(lower: [Double], upper: [Double]) {
        precondition(!lower.isEmpty && lower.count == upper.count && zip(lower, upper).allSatisfy { $0 < $1 },
                     "Box: needs lower < upper on every axis, got \(lower) and \(upper)")
        self.lower = lower
        self.upper = upper
    }

    public var dimension: Int { lower.count }
}

/// A definite integral and how far from the truth it may be.
public struct Integral: Sendable, Hashable, Codable {
    /// The composite Simpson sum `sum_i w_i f(x_i)`.
    public var value: Double
    /// `|S_h - S_2h| / 15`: Richardson's estimate of the error of `value` (see `QuadratureRule`).
    public var errorEstimate: Double

    public init(value: Double, errorEstimate: Double) {
        self.value = value
        self.errorEstimate = errorEstimate
    }

    enum CodingKeys: String, CodingKey { case value, errorEstimate = "error_estimate" }
}

/// Composite Simpson quadrature on a union of boxes (intervals in 1-D, rectangles in 2-D), with a
/// built-in error estimate.
///
/// On one interval `[a, b]` cut into an even number `n` of steps `h = (b - a) / n`, Simpson's rule
/// fits a parabola through each pair of steps:
///
/// ```
/// S_h = h/3 (f_0 + 4 f_1 + 2 f_2 + 4 f_3 + ... + 2 f_(n-2) + 4 f_(n-1) + f_n)
/// S_h - integral = (b - a) h^4 / 180 * f''''(xi)   for some xi in [a, b]
/// ```
///
/// so it is exact for cubics and its error falls 16-fold each time `h` halves. In 2-D the rule is
/// the product of two 1-D rules (weights `w_i w_j`), with the same `h^4` behaviour.
///
/// **Error estimate.** Every rule here also keeps the weights of the rule with twice the step on
/// the even-numbered nodes (`n` is a multiple of 4, so that rule exists). Since the error is
/// `C h^4 + O(h^6)`, `S_2h - S_h ~ 15 C h^4`, so `|S_h - S_2h| / 15` estimates the error of `S_h`
/// (Richardson). It costs no extra evaluations: both sums use the same function values.
///
/// **Truncation.** A rule built by `covering(_:)` integrates over boxes that hold all but a
/// negligible mass of the mixtures: `tailStds = 12` standard deviations around every component
/// leave out a mass below `2 d P(|Z| > 12) < 1.5e-32` per component, far below double rounding of
/// any result here. Boxes whose projections overlap on an axis are merged, so cell edges lie only
/// in those far tails: there the integrands and all their derivatives are below `e^-72` of their
/// peak, and Simpson's rule behaves as on the whole line (for Gaussians, errors near rounding).
///
/// - Complexity: building and applying the rule are O(number of nodes).
///
/// Properties the tests check: exact for cubics on every cell, weights positive and summing to
/// the volume, the error falling about 16-fold when `h` halves on a smooth non-polynomial
/// integrand, the estimate bounding the true error there, and Gaussian mixture densities
/// integrating to 1 (1-D and 2-D).
public struct QuadratureRule: Sendable {
    /// 1 or 2.
    public let dimension: Int
    /// Node coordinates, row-major `[count, dimension]`.
    public let coordinates: [Double]
    /// Simpson weights with step `h`.
    public let weights: [Double]
    /// Simpson weights with step `2h` on the even nodes, zero on the others: the comparison rule
    /// for the error estimate.
    public let coarseWeights: [Double]

    /// The number of nodes.
    public var count: Int { weights.count }

    /// The coordinates of node `i`.
    public func node(_ i: Int) -> [Double] { Array(coordinates[(i * dimension)..<((i + 1) * dimension)]) }

    /// `sum_i w_i values[i]` and its error estimate, for values already computed at the nodes.
    public func integrate(_ values: [Double]) -> Integral {
        precondition(values.count == count, "QuadratureRule.integrate: \(values.count) values for \(count) nodes")
        var fine = 0.0, coarse = 0.0
        for i in 0..<count {
            fine += weights[i] * values[i]
            coarse += coarseWeights[i] * values[i]
        }
        return Integral(value: fine, errorEstimate: Swift.abs(fine - coarse) / 15)
    }

    /// The integral of `f` (called once per node with its coordinates).
    public func integrate(_ f: ([Double]) -> Double) -> Integral {
        integrate((0..<count).map { f(node($0)) })
    }

    /// Composite Simpson on each box, with `intervals(axisLength)` steps along each axis of each box.
    ///
    /// - Parameters:
    ///   - boxes: non-overlapping boxes of one dimension (1 or 2); the rule integrates over their union.
    ///   - spacing: the largest step `h`; each axis of each box gets the smallest multiple of 4
    ///     steps (at least 4) that is no longer than this.
    public init(boxes: [Box], spacing: Double) {
        precondition(!boxes.isEmpty, "QuadratureRule: needs at least one box")
        precondition(spacing > 0 && spacing.isFinite, "QuadratureRule: spacing must be positive, got \(spacing)")
        let d = boxes[0].dimension
        precondition((1...2).contains(d) && boxes.allSatisfy { $0.dimension == d },
                     "QuadratureRule: boxes must all be 1-D or all 2-D")
        var coordinates: [Double] = [], weights: [Double] = [], coarse: [Double] = []
        for box in boxes {
            // One 1-D rule per axis, then their product.
            let axes = (0..<d).map { k -> (x: [Double], w: [Double], c: [Double]) in
                let length = box.upper[k] - box.lower[k]
                // Rounded up, but a ratio a rounding error above an integer (0.24 / 0.00125) is that integer.
                let steps = 4 * Swift.max(1, Int((length / spacing / 4 * (1 - 1e-12)).rounded(.up)))
                return QuadratureRule.simpson(from: box.lower[k], to: box.upper[k], steps: steps)
            }
            if d == 1 {
                coordinates += axes[0].x; weights += axes[0].w; coarse += axes[0].c
            } else {
                for i in axes[0].x.indices {
                    for j in axes[1].x.indices {
                        coordinates += [axes[0].x[i], axes[1].x[j]]
                        weights.append(axes[0].w[i] * axes[1].w[j])
                        coarse.append(axes[0].c[i] * axes[1].c[j])
                    }
                }
            }
        }
        self.dimension = d
        self.coordinates = coordinates
        self.weights = weights
        self.coarseWeights = coarse
    }

    /// Nodes and weights of Simpson's rule with `steps` steps on `[a, b]` (`steps` a multiple of 4),
    /// and the weights of the rule with half as many steps on the even nodes.
    static func simpson(from a: Double, to b: Double, steps n: Int) -> (x: [Double], w: [Double], c: [Double]) {
        precondition(n >= 4 && n % 4 == 0, "Simpson: steps must be a positive multiple of 4, got \(n)")
        let h = (b - a) / Double(n)
        let x = (0...n).map { $0 == n ? b : a + Double($0) * h }
        // h/3 (1, 4, 2, 4, ..., 2, 4, 1)
        let w = (0...n).map { i -> Double in (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * h / 3 }
        // (2h)/3 (1, 0, 4, 0, 2, 0, 4, ..., 4, 0, 1): the same pattern on the even nodes.
        let c = (0...n).map { i -> Double in
            if i % 2 == 1 { return 0 }
            let j = i / 2, m = n / 2
            return (j == 0 || j == m ? 1 : (j % 2 == 1 ? 4 : 2)) * 2 * h / 3
        }
        return (x, w, c)
    }
}

extension QuadratureRule {
    /// A rule for integrals involving the densities of `mixtures` (all of one dimension, 1 or 2):
    /// boxes of `tailStds` standard deviations around every component, merged where their
    /// projections overlap, and a step of `smallest std / nodesPerStd`.
    ///
    /// - Parameters:
    ///   - mixtures: the densities the integrands are built from.
    ///   - tailStds: half-width of each component's box in its standard deviations (12: the mass
    ///     left out is below 1.5e-32 per component).
    ///   - nodesPerStd: steps per smallest standard deviation; `nil` takes 16 in 1-D and 8 in 2-D.
    ///     (With 16 in 1-D the error estimates of note 1's integrals are of order 1e-11 or less;
    ///     the 2-D tests use 6 to stay fast in a debug build and see estimates below 1e-7.)
    public static func covering(_ mixtures: [GaussianMixture], tailStds: Double = 12,
                                nodesPerStd: Double? = nil) -> QuadratureRule {
        precondition(!mixtures.isEmpty, "QuadratureRule.covering: needs at least one mixture")
        let d = mixtures[0].dimension
        precondition((1...2).contains(d) && mixtures.allSatisfy { $0.dimension == d },
                     "QuadratureRule.covering: mixtures must all be 1-D or all 2-D")
        var componentBoxes: [Box] = []
        var smallest = Double.infinity
        for mixture in mixtures {
            for k in mixture.means.indices where mixture.weights[k] > 0 {
                let r = tailStds * mixture.stds[k]
                componentBoxes.append(Box(lower: mixture.means[k].map { $0 - r }, upper: mixture.means[k].map { $0 + r }))
                smallest = Swift.min(smallest, mixture.stds[k])
            }
        }
        // Per axis, the union of the boxes' projections as disjoint intervals; the cells are
        // products of those intervals, and only cells holding a component's box are kept. A box
        // lies inside exactly one cell, so no cell edge cuts through a component's mass.
        let intervals = (0..<d).map { k in mergedIntervals(componentBoxes.map { ($0.lower[k], $0.upper[k]) }) }
        var cells: [Box] = []
        func cellIndex(_ value: Double, _ axis: Int) -> Int {
            intervals[axis].firstIndex { $0.0 <= value && value <= $0.1 }!
        }
        var kept = Set<[Int]>()
        for box in componentBoxes {
            kept.insert((0..<d).map { cellIndex(box.lower[$0], $0) })
        }
        for index in kept.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            cells.append(Box(lower: (0..<d).map { intervals[$0][index[$0]].0 },
                             upper: (0..<d).map { intervals[$0][index[$0]].1 }))
        }
        let perStd = nodesPerStd ?? (d == 1 ? 16 : 8)
        return QuadratureRule(boxes: cells, spacing: smallest / perStd)
    }

    /// The union of closed intervals as sorted disjoint intervals.
    static func mergedIntervals(_ intervals: [(Double, Double)]) -> [(Double, Double)] {
        var merged: [(Double, Double)] = []
        for (low, high) in intervals.sorted(by: { $0.0 < $1.0 }) {
            if let last = merged.last, low <= last.1 {
                merged[merged.count - 1].1 = Swift.max(last.1, high)
            } else {
                merged.append((low, high))
            }
        }
        return merged
    }
}
