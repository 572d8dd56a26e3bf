import Autodiff

/// Spearman's rank correlation with a permutation test of "no association".
///
/// ```
/// rho_obs = spearman(x, y)
/// p       = (1 + #{ r : |spearman(x, pi_r(y))| >= |rho_obs| }) / (1 + rounds)
/// ```
///
/// Under "y does not depend on x" every pairing of the `y` values with the `x` values is equally
/// likely, so the share of random pairings `pi_r` (shuffles of `y`, drawn from a seeded generator)
/// whose correlation is at least as large in size as the observed one is a two-sided p-value.
/// Counting the observed pairing as one of them (the `1 +`) keeps p above 0 and valid
/// (Phipson and Smyth 2010, "Permutation p-values should never be zero"). Ties are ranked as in
/// `spearmanCorrelation`.
///
/// Mathematical properties the tests check: a perfectly monotone relation over 10 points gives a
/// p-value near the exact `2 / 10!` floor, i.e. `1 / (1 + rounds)`; a constant `y` gives rho 0 and
/// p 1; the same seed gives the same p; swapping `x` and `y` keeps rho.
public struct RankCorrelationTest: Sendable, Hashable, Codable {
    /// Pairs used.
    public var count: Int
    /// Spearman's rho; 0 when either list is constant.
    public var rho: Double
    /// Two-sided permutation p-value.
    public var pValue: Double
    /// Random pairings drawn.
    public var rounds: Int

    enum CodingKeys: String, CodingKey { case count = "n", rho, pValue = "p_value", rounds }
}

/// Spearman's rho of `x` and `y` and its permutation p-value (see `RankCorrelationTest`).
///
/// - Parameters:
///   - rounds: random pairings drawn.
///   - seed: the seed of the shuffles.
/// - Complexity: `O(rounds * n log n)`.
public func rankCorrelationTest(_ x: [Double], _ y: [Double], rounds: Int = 20_000,
                                seed: UInt64 = 0) -> RankCorrelationTest {
    precondition(x.count == y.count, "rankCorrelationTest: needs pairs, got \(x.count) and \(y.count) values")
    precondition(rounds >= 1, "rankCorrelationTest: needs at least one round")
    let rx = ranks(x), ry = ranks(y)
    guard let observed = pearsonCorrelation(rx, ry) else {
        return RankCorrelationTest(count: x.count, rho: 0, pValue: 1, rounds: rounds)
    }
    let tolerance = 1e-12
    var rng = SeededGenerator(seed: seed)
    var shuffled = ry, hits = 0
    for _ in 0..<rounds {
        shuffled.shuffle(seeded: &rng)
        if Swift.abs(pearsonCorrelation(rx, shuffled) ?? 0) >= Swift.abs(observed) - tolerance { hits += 1 }
    }
    return RankCorrelationTest(count: x.count, rho: observed, pValue: Double(1 + hits) / Double(1 + rounds), rounds: rounds)
}
