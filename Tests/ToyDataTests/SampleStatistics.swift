import Foundation

// Small statistics helpers for the sampling tests. Tolerances are expressed in standard errors:
// a check at 5 standard errors fails by chance with probability about 6e-7 (two-sided normal tail),
// so a failure means the definition and the sampler disagree, not bad luck.

/// The sample mean.
func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

/// The sample standard deviation (divide by n - 1).
func standardDeviation(_ xs: [Double]) -> Double {
    let m = mean(xs)
    return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
}

/// Standard error of a frequency estimated from `n` Bernoulli(p) draws.
func binomialStandardError(p: Double, n: Int) -> Double { (p * (1 - p) / Double(n)).squareRoot() }

/// Approximate standard error of the sample sd of `n` normal draws with sd `sigma`: `sigma / sqrt(2 (n - 1))`.
func standardErrorOfSD(sigma: Double, n: Int) -> Double { sigma / (2 * Double(n - 1)).squareRoot() }

/// The number of standard errors used throughout.
let zTolerance = 5.0
