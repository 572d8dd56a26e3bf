import Foundation
import Autodiff
import NeuralNet

// The spectral norm ||W||_2 = sigma_max(W): the Lipschitz constant, for the Euclidean norm, of the
// linear map x -> x W. Two ways to compute it, kept side by side: power iteration (fast, what
// spectral normalisation uses) and the Jacobi eigenvalue method (slow, exact to rounding), which the
// tests use as the reference for the fast one.

/// The largest singular value of a matrix `W` `[m, n]` by power iteration on `W^T W`:
///
/// ```
/// v_0 random,   v_{t+1} = W^T W v_t / ||W^T W v_t||,   sigma_t = ||W v_t||
/// ```
///
/// Each `sigma_t = ||W v_t|| / ||v_t||` is a Rayleigh-quotient estimate, never above the true
/// `sigma_max` (so dividing a weight by it can leave a spectral norm a hair above 1, never below);
/// it converges to `sigma_max` at the rate `(sigma_2 / sigma_1)^(2t)`. The iteration stops when
/// `sigma_t` changes by less than `tolerance` (relative) or after `maxIterations`.
///
/// - Parameters:
///   - w: a matrix `[m, n]`.
///   - seed: seeds the random start `v_0` (a start orthogonal to the top singular vector would
///     never find it; a random one almost surely is not).
/// - Returns: `sigma_max(W)`, and 0 for the zero matrix.
/// - Complexity: O(m n) per iteration.
///
/// Properties the tests check: agrees with `singularValuesByJacobi` to 1e-9 on many seeded random
/// matrices; `|d|_max` for a diagonal matrix; `c sqrt(m n)` for the constant matrix `c`.
public func spectralNorm(_ w: Tensor, seed: UInt64 = 0, maxIterations: Int = 10_000, tolerance: Double = 1e-14) -> Double {
    precondition(w.rank == 2, "spectralNorm: needs a matrix, got shape \(w.shape)")
    var rng = SeededGenerator(seed: seed)
    var v = Tensor.randomNormal([w.shape[1], 1], using: &rng)                    // [n, 1]
    var sigma = 0.0
    for _ in 0..<maxIterations {
        v = v / norm(v)
        let wv = Tensor.matmul(w, v)                                              // [m, 1]
        let next = norm(wv)
        if next == 0 { return 0 }
        let converged = Swift.abs(next - sigma) <= tolerance * next
        sigma = next
        if converged { break }
        v = Tensor.matmul(w, wv, transposeA: true)                                // [n, 1] = W^T W v
    }
    return sigma
}

/// All singular values of `W` `[m, n]`, largest first: the square roots of the eigenvalues of the
/// symmetric matrix `A = W^T W`, found by the cyclic Jacobi method (Golub and Van Loan,
/// "Matrix Computations", section 8.5). Each rotation zeroes one off-diagonal pair `A[p, q]`:
///
/// ```
/// theta = (A_qq - A_pp) / (2 A_pq),   t = sign(theta) / (|theta| + sqrt(theta^2 + 1)),
/// c = 1 / sqrt(t^2 + 1),   s = t c,    A <- J^T A J
/// ```
///
/// and sweeps repeat until the off-diagonal mass is negligible. The readable reference for
/// `spectralNorm`, for small matrices.
///
/// - Complexity: O(n^3) per sweep, a handful of sweeps.
public func singularValuesByJacobi(_ w: Tensor) -> [Double] {
    precondition(w.rank == 2, "singularValuesByJacobi: needs a matrix, got shape \(w.shape)")
    let n = w.shape[1]
    let gram = Tensor.matmul(w, w, transposeA: true)                              // [n, n] = W^T W
    var a = gram.rows                                                             // a[i][j]
    for _ in 0..<100 {
        var off = 0.0, diagonal = 0.0
        for i in 0..<n {
            diagonal += a[i][i] * a[i][i]
            for j in 0..<n where j != i { off += a[i][j] * a[i][j] }
        }
        if off <= 1e-30 * Swift.max(diagonal, 1e-300) { break }
        for p in 0..<n {
            for q in (p + 1)..<n where a[p][q] != 0 {
                let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                // A <- J^T A J with J the rotation in the (p, q) plane: columns, then rows.
                for k in 0..<n {
                    let akp = a[k][p], akq = a[k][q]
                    a[k][p] = c * akp - s * akq
                    a[k][q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = a[p][k], aqk = a[q][k]
                    a[p][k] = c * apk - s * aqk
                    a[q][k] = s * apk + c * aqk
                }
            }
        }
    }
    // Eigenvalues of a Gram matrix are >= 0; rounding can leave -1e-17.
    return (0..<n).map { Swift.max(a[$0][$0], 0).squareRoot() }.sorted(by: >)
}

/// Divides every `Linear` weight of `network` by its spectral norm (computed by `spectralNorm`),
/// so each layer's linear part has `||W||_2 = 1`. Biases are left alone: a shift does not change a
/// Lipschitz constant. With 1-Lipschitz activations (ReLU, leaky ReLU, tanh, ELU with alpha 1,
/// sigmoid, softplus) the whole network is then 1-Lipschitz, since Lipschitz constants multiply
/// under composition. (Miyato et al. 2018, "Spectral Normalization for GANs", do this at every
/// step with one power iteration; here it is done once, to convergence.)
///
/// - Returns: the spectral norms the weights had before, layer by layer.
@discardableResult
public func normalizeSpectrally(_ network: any Layer, seed: UInt64 = 0) -> [Double] {
    linearLayers(of: network).enumerated().map { i, layer in
        let sigma = spectralNorm(layer.weight.value, seed: seed &+ UInt64(i))
        if sigma > 0 { layer.weight.assign(layer.weight.value / sigma) }
        return sigma
    }
}

/// The Euclidean norm of all elements.
func norm(_ t: Tensor) -> Double { t.square().sum().scalar.squareRoot() }
