import Autodiff

// The exact Wasserstein-1 (earth mover's) distance between two empirical distributions.

/// The exact W1 distance between the empirical distributions of `x` and `y` (uniform weights 1/n):
///
/// ```
/// W1(x, y) = (1/n) min_sigma sum_i ||x_i - y_sigma(i)||      (sigma over permutations of 0..<n)
/// ```
///
/// For uniform weights on equally many points the optimal transport plan may be taken to be a
/// permutation (Birkhoff-von Neumann: the plans form the doubly stochastic matrices scaled by 1/n,
/// whose extreme points are permutations), so the value is an optimal assignment. In 1-D
/// (`d = 1`) it is computed by sorting (`wasserstein1D`), otherwise by the Hungarian method
/// (`wasserstein1ByAssignment`). (Villani 2009, "Optimal Transport", ch. 6; for GANs, Arjovsky,
/// Chintala and Bottou 2017.)
///
/// - Parameters:
///   - x: `[n, d]` points.
///   - y: `[n, d]` points.
/// - Complexity: O(n log n) in 1-D; O(n^3 + n^2 d) otherwise (tens of milliseconds for n = 512, release).
///
/// Properties the tests check: symmetric; zero on identical and on permuted copies; the triangle
/// inequality on random triples; `W1(x, x + v) = ||v||` exactly; the assignment and sorting agree in 1-D.
public func wasserstein1(_ x: Tensor, _ y: Tensor) -> Double {
    checkEqualSizePointSets(x, y, function: "wasserstein1")
    return x.shape[1] == 1 ? wasserstein1D(x.scalars, y.scalars) : wasserstein1ByAssignment(x, y)
}

/// W1 between two equally large point sets of any dimension, as the optimal assignment of the
/// Euclidean distance matrix `C[i, j] = ||x_i - y_j||`, divided by `n`. See `wasserstein1`.
public func wasserstein1ByAssignment(_ x: Tensor, _ y: Tensor) -> Double {
    checkEqualSizePointSets(x, y, function: "wasserstein1ByAssignment")
    let costs = euclideanDistances(x, y)  // [n, n]
    return optimalAssignment(costs: costs).cost / Double(x.shape[0])
}

/// W1 between two 1-D samples of any sizes `n` and `m`, as the area between their quantile functions:
///
/// ```
/// W1 = integral_0^1 |F^-1(t) - G^-1(t)| dt
/// ```
///
/// Both empirical quantile functions are step functions (`F^-1(t) = x_(i)` for `t` in
/// `(i/n, (i+1)/n]`), so the integral is a finite sum over the merged breakpoints `i/n` and `j/m`,
/// computed exactly on the integer grid `1/(n m)`. For `n = m` it is `(1/n) sum_i |x_(i) - y_(i)|`:
/// matching in sorted order is optimal in 1-D.
///
/// - Complexity: O(n log n + m log m).
///
/// Properties the tests check: equals the CDF form `integral |F(s) - G(s)| ds` on random unequal
/// samples; zero for a sample and its duplicate; `|c|` for a shift by `c`; agrees with the assignment.
public func wasserstein1D(_ x: [Double], _ y: [Double]) -> Double {
    precondition(!x.isEmpty && !y.isEmpty, "wasserstein1D: needs two non-empty samples, got sizes \(x.count) and \(y.count)")
    precondition(x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite), "wasserstein1D: samples must be finite")
    let xs = x.sorted(), ys = y.sorted()
    let n = xs.count, m = ys.count
    var i = 0, j = 0
    var t = 0            // the current quantile level, in units of 1/(n m)
    var total = 0.0
    while i < n && j < m {
        let endX = (i + 1) * m, endY = (j + 1) * n   // where x_(i) and y_(j) stop being the quantiles
        let end = Swift.min(endX, endY)
        total += Double(end - t) * Swift.abs(xs[i] - ys[j])
        t = end
        if endX == end { i += 1 }
        if endY == end { j += 1 }
    }
    return total / (Double(n) * Double(m))
}

/// `[n, m]` Euclidean distances `||x_i - y_j||` between the rows of `x` `[n, d]` and `y` `[m, d]`.
public func euclideanDistances(_ x: Tensor, _ y: Tensor) -> Tensor {
    squaredEuclideanDistances(x, y).map { $0.squareRoot() }
}

/// `[n, m]` squared distances `||x_i - y_j||^2`, summed coordinate by coordinate (not by the
/// `|x|^2 + |y|^2 - 2 x.y` expansion, whose cancellation would spoil small distances).
func squaredEuclideanDistances(_ x: Tensor, _ y: Tensor) -> Tensor {
    precondition(x.rank == 2 && y.rank == 2 && x.shape[1] == y.shape[1],
                 "euclideanDistances: needs [n, d] and [m, d] point sets, got shapes \(x.shape) and \(y.shape)")
    let n = x.shape[0], m = y.shape[0], d = x.shape[1]
    var out = [Double](repeating: 0, count: n * m)
    x.scalars.withUnsafeBufferPointer { a in
        y.scalars.withUnsafeBufferPointer { b in
            for i in 0..<n {
                for j in 0..<m {
                    var s = 0.0
                    for k in 0..<d { let t = a[i * d + k] - b[j * d + k]; s += t * t }
                    out[i * m + j] = s
                }
            }
        }
    }
    return Tensor(shape: [n, m], scalars: out)
}

func checkEqualSizePointSets(_ x: Tensor, _ y: Tensor, function: String) {
    precondition(x.rank == 2 && x.shape == y.shape && x.shape[0] > 0,
                 "\(function): needs two non-empty point sets of the same shape [n, d], got \(x.shape) and \(y.shape)")
    precondition(x.isFinite && y.isFinite, "\(function): points must be finite")
}
