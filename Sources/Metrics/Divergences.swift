import Foundation

// Kullback-Leibler and Jensen-Shannon divergences between discrete distributions, natural log.

/// The Kullback-Leibler divergence of `q` from `p`, in nats:
///
/// ```
/// KL(p || q) = sum_i p_i log(p_i / q_i)      with 0 log(0 / q) = 0,  p log(p / 0) = +infinity
/// ```
///
/// Both arguments are normalised to sum to 1 first, so counts may be passed directly.
/// (Kullback and Leibler 1951.)
///
/// - Parameters:
///   - p: non-negative weights with a positive sum.
///   - q: non-negative weights with a positive sum, as many as `p`.
/// - Returns: a value in `[0, +infinity]`; `+infinity` when some `p_i > 0` has `q_i = 0`.
///
/// Properties the tests check: `KL >= 0`; `KL = 0` if and only if `p = q`; infinite when `q` misses
/// part of `p`'s support; asymmetric; known values on hand-computed cases; invariant to scaling the inputs.
public func klDivergence(p: [Double], q: [Double]) -> Double {
    let (p, q) = normalisedPair(p, q, function: "klDivergence")
    var total = 0.0
    for i in p.indices where p[i] > 0 {
        if q[i] == 0 { return .infinity }
        total += p[i] * Foundation.log(p[i] / q[i])
    }
    // Gibbs' inequality makes KL non-negative; a result a few ulps below zero is rounding in the
    // normalisation, not information.
    return Swift.max(total, 0)
}

/// The Jensen-Shannon divergence between `p` and `q`, in nats:
///
/// ```
/// JS(p, q) = 1/2 KL(p || m) + 1/2 KL(q || m),   m = (p + q) / 2
/// ```
///
/// Both arguments are normalised to sum to 1 first. (Lin 1991, "Divergence measures based on the
/// Shannon entropy"; the divergence the original GAN minimises, Goodfellow et al. 2014.)
///
/// - Returns: a value in `[0, log 2]`: 0 exactly when `p = q`, `log 2` exactly when their supports
///   are disjoint. Rounding is clamped into that interval.
///
/// Properties the tests check: the bounds, symmetry, `log 2` on disjoint supports, 0 on equal
/// inputs, agreement with hand-computed values.
public func jsDivergence(p: [Double], q: [Double]) -> Double {
    let (p, q) = normalisedPair(p, q, function: "jsDivergence")
    var total = 0.0
    for i in p.indices {
        let m = (p[i] + q[i]) / 2
        if p[i] > 0 { total += p[i] * Foundation.log(p[i] / m) }
        if q[i] > 0 { total += q[i] * Foundation.log(q[i] / m) }
    }
    return Swift.min(Swift.max(total / 2, 0), Foundation.log(2.0))
}

/// `p` and `q` divided by their sums, after checking they are valid weight vectors of equal length.
func normalisedPair(_ p: [Double], _ q: [Double], function: String) -> ([Double], [Double]) {
    precondition(p.count == q.count, "\(function): p has \(p.count) entries, q has \(q.count)")
    func normalised(_ w: [Double], _ label: String) -> [Double] {
        precondition(w.allSatisfy { $0 >= 0 && $0.isFinite }, "\(function): \(label) needs finite non-negative entries")
        let total = w.reduce(0, +)
        precondition(total > 0, "\(function): \(label) sums to zero")
        return w.map { $0 / total }
    }
    return (normalised(p, "p"), normalised(q, "q"))
}
