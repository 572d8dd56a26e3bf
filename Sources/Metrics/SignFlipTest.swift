import Autodiff

/// Whether one value per seed is above 0 by more than the seeds' own scatter explains: a
/// one-sided sign-flip permutation test of the mean (Fisher 1935; Good, "Permutation, Parametric
/// and Bootstrap Tests of Hypotheses", the one-sample case).
///
/// ```
/// H0:  each x_i is symmetric about 0 (and the seeds are independent)
/// T    = (1/n) sum_i x_i                       observed mean
/// T_s  = (1/n) sum_i s_i x_i,  s in {-1, +1}^n  the mean under each of the 2^n sign patterns
/// p    = #{ s : T_s >= T } / 2^n               (one-sided: the claim is "above 0")
/// ```
///
/// Under `H0` every sign pattern is as likely as the observed one, so `p` is exact for any
/// symmetric distribution, however skewed or heavy-tailed: no normality is assumed, which
/// matters for rank correlations, bounded in [-1, 1] and piled up near the ends. With at most
/// `rounds` patterns it enumerates all `2^n`; beyond that it draws `rounds` at random from a
/// seeded generator and counts the observed pattern too, `p = (1 + hits) / (1 + rounds)`.
///
/// Mathematical properties the tests check: `n` positive values give the exact `1 / 2^n` (the
/// smallest `p` that `n` seeds can give: 0.0625 for 4, 0.0039 for 8); all zeros give 1; a sample
/// and its mirror image give `p + p' >= 1`; the Monte-Carlo `p` lies near the exact one; same
/// seed, same `p`.
public struct SignFlipTest: Sendable, Hashable, Codable {
    public var summary: SeedSummary
    /// One-sided p-value of "the mean is above 0".
    public var pValue: Double
    /// Whether all `2^n` sign patterns were enumerated (`true`) or `rounds` were drawn.
    public var exact: Bool

    enum CodingKeys: String, CodingKey { case summary, pValue = "p_value", exact }
}

/// Tests whether `values` (one per seed) have a mean above 0; see `SignFlipTest`.
///
/// - Parameters:
///   - rounds: the largest number of sign patterns enumerated, and the number drawn when there are more.
///   - seed: the seed of the Monte-Carlo draws (unused when exact).
/// - Complexity: `O(min(2^n, rounds) * n)`.
public func signFlipTest(_ values: [Double], rounds: Int = 1 << 16, seed: UInt64 = 0) -> SignFlipTest {
    precondition(!values.isEmpty, "signFlipTest: needs at least one value")
    let n = values.count
    let observed = values.reduce(0, +)                      // n T; the sums order as the means do
    let tolerance = 1e-12 * Swift.max(1, values.reduce(0) { $0 + Swift.abs($1) })  // float ties count as ties
    var hits = 0
    if n < 62, 1 << n <= rounds {
        for pattern in 0..<(1 << n) {                        // bit i set: flip x_i
            var sum = 0.0
            for i in 0..<n { sum += (pattern >> i) & 1 == 1 ? -values[i] : values[i] }
            if sum >= observed - tolerance { hits += 1 }
        }
        return SignFlipTest(summary: SeedSummary(values), pValue: Double(hits) / Double(1 << n), exact: true)
    }
    var rng = SeededGenerator(seed: seed)
    for _ in 0..<rounds {
        var sum = 0.0
        for x in values { sum += rng.next() & 1 == 1 ? -x : x }
        if sum >= observed - tolerance { hits += 1 }
    }
    return SignFlipTest(summary: SeedSummary(values), pValue: Swift.min(1, Double(1 + hits) / Double(1 + rounds)),
                        exact: false)
}
