import Foundation

/// Spearman's rank correlation: Pearson's correlation of the ranks,
///
/// ```
/// rho = cov(rank x, rank y) / (sd(rank x) sd(rank y))
/// ```
///
/// with tied values given the mean of the ranks they span (so `[5, 1, 5]` has ranks
/// `[2.5, 1, 2.5]`). It is 1 when `y` increases with `x`, whatever the shape of the relation, and
/// -1 when it decreases: the right measure for "does the loss go down when the distance does?",
/// where the two need not be proportional.
///
/// - Returns: rho in `[-1, 1]`, or `nil` when there are fewer than two pairs or either list is
///   constant (then no ordering exists to correlate).
///
/// Properties the tests check: 1 and -1 for monotone relations; invariant under increasing maps of
/// either list; a small case with ties against a value worked by hand.
public func spearmanCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "spearmanCorrelation: needs pairs, got \(x.count) and \(y.count) values")
    guard x.count >= 2 else { return nil }
    return pearsonCorrelation(ranks(x), ranks(y))
}

/// Ranks from 1, ties sharing the mean of their ranks.
func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        let shared = Double(start + end) / 2 + 1                       // mean of ranks start+1 ... end+1
        for i in start...end { result[order[i]] = shared }
        start = end + 1
    }
    return result
}

/// Pearson's correlation; `nil` when either list is constant.
func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my)
    }
    guard sxx > 0 && syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
}
