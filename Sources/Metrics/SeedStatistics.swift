import Autodiff

/// What a measurement over seeds says: its mean, its standard error, and whether two settings
/// differ by more than the seeds' own scatter explains.
///
/// ```
/// mean      = (1/n) sum_i x_i
/// sd        = sqrt( sum_i (x_i - mean)^2 / (n - 1) )          (sample standard deviation)
/// SE        = sd / sqrt(n)
/// ```
///
/// The test of a difference is a two-sided permutation test on the difference of means (Fisher
/// 1935; Good, "Permutation, Parametric and Bootstrap Tests of Hypotheses"): under "the setting
/// makes no difference", the labels `a` and `b` are exchangeable, so the p-value is the share of
/// relabellings whose `|mean_a - mean_b|` is at least the observed one. With at most `rounds`
/// relabellings it enumerates all `C(n_a + n_b, n_a)` of them (exact); beyond that it draws
/// `rounds` at random from a seeded generator and counts the observed labelling too,
/// `p = (1 + hits) / (1 + rounds)`, which never reports 0 and is a valid p-value.
///
/// Mathematical properties the tests check: SE of a constant sample is 0; swapping `a` and `b`
/// keeps p; identical samples give p = 1; fully separated samples of 5 and 5 give the exact
/// `2 / C(10, 5) = 2/252`; the Monte-Carlo p lies near the exact one; same seed, same p.
public struct SeedSummary: Sendable, Hashable, Codable {
    public var count: Int
    public var mean: Double
    /// `sd / sqrt(n)`; 0 for a single value (there is no scatter to estimate).
    public var standardError: Double

    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "SeedSummary: needs at least one value")
        count = values.count
        mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { standardError = 0; return }
        let m = mean
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
        standardError = (variance / Double(values.count)).squareRoot()
    }

    enum CodingKeys: String, CodingKey { case count = "n", mean, standardError = "se" }
}

/// The result of comparing two samples over seeds.
public struct SeedComparison: Sendable, Hashable, Codable {
    public var a: SeedSummary
    public var b: SeedSummary
    /// `mean_b - mean_a`.
    public var difference: Double
    /// Two-sided permutation p-value of the difference of means.
    public var pValue: Double
    /// Whether every relabelling was enumerated (`true`) or `rounds` were drawn.
    public var exact: Bool

    enum CodingKeys: String, CodingKey { case a, b, difference, pValue = "p_value", exact }
}

/// Compares `a` and `b` (one value per seed each): summaries, difference and permutation p-value.
///
/// - Parameters:
///   - rounds: the largest number of relabellings enumerated, and the number drawn when there are more.
///   - seed: the seed of the Monte-Carlo draws (unused when exact).
/// - Complexity: `O(min(C(n_a + n_b, n_a), rounds) * (n_a + n_b))`.
public func compareSeeds(_ a: [Double], _ b: [Double], rounds: Int = 20_000, seed: UInt64 = 0) -> SeedComparison {
    precondition(!a.isEmpty && !b.isEmpty, "compareSeeds: both samples need at least one value")
    let pooled = a + b, na = a.count
    let total = pooled.reduce(0, +)
    let observed = Swift.abs(a.reduce(0, +) / Double(na) - b.reduce(0, +) / Double(b.count))
    // |mean_a - mean_b| for a labelling, from the sum of the values labelled `a`.
    func statistic(_ sumA: Double) -> Double {
        Swift.abs(sumA / Double(na) - (total - sumA) / Double(pooled.count - na))
    }
    let tolerance = 1e-12 * Swift.max(1, observed)     // ties in floating point count as ties
    var p: Double, exact: Bool
    if let labellings = binomial(pooled.count, na), labellings <= rounds {
        var hits = 0
        forEachSubsetSum(pooled, choose: na) { if statistic($0) >= observed - tolerance { hits += 1 } }
        p = Double(hits) / Double(labellings); exact = true
    } else {
        var rng = SeededGenerator(seed: seed)
        var values = pooled, hits = 0
        for _ in 0..<rounds {
            values.shuffle(first: na, seeded: &rng)
            if statistic(values[0..<na].reduce(0, +)) >= observed - tolerance { hits += 1 }
        }
        p = Double(1 + hits) / Double(1 + rounds); exact = false
    }
    return SeedComparison(a: SeedSummary(a), b: SeedSummary(b), difference: b.reduce(0, +) / Double(b.count) - a.reduce(0, +) / Double(na),
                          pValue: Swift.min(1, p), exact: exact)
}

/// `C(n, k)`, or `nil` when it exceeds `Int.max / 2`.
func binomial(_ n: Int, _ k: Int) -> Int? {
    let k = Swift.min(k, n - k)
    guard k >= 0 else { return 0 }
    var c = 1
    for i in 0..<k {
        let (m, overflow) = c.multipliedReportingOverflow(by: n - i)
        if overflow || m > Int.max / 2 { return nil }
        c = m / (i + 1)
    }
    return c
}

/// Calls `body` with the sum of each `k`-element subset of `values` (lexicographic order).
func forEachSubsetSum(_ values: [Double], choose k: Int, _ body: (Double) -> Void) {
    func visit(_ start: Int, _ left: Int, _ sum: Double) {
        if left == 0 { body(sum); return }
        guard values.count - start >= left else { return }
        for i in start...(values.count - left) { visit(i + 1, left - 1, sum + values[i]) }
    }
    visit(0, k, 0)
}
