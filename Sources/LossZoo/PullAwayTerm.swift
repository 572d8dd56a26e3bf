import Autodiff

/// EBGAN's pull-away term (Zhao, Mathieu and LeCun 2017, section 2.4): the mean squared cosine
/// similarity between the embeddings of different samples of a batch.
///
/// ```
/// f_PT(S) = 1 / (N (N - 1)) sum_i sum_{j != i} ( S_i . S_j / (|S_i| |S_j|) )^2
/// ```
///
/// Added to the generator's loss, it pushes the discriminator's embeddings of generated samples
/// to be orthogonal: a batch collapsed onto one point scores 1, the highest value. Norms are taken
/// as `sqrt(|S_i|^2 + 1e-12)` so that an all-zero embedding does not divide by zero.
///
/// Mathematical properties the tests check: `f_PT = 1` for parallel rows (any scales, any signs),
/// `0` for mutually orthogonal rows, it lies in `[0, 1]`, and it does not change when rows are
/// rescaled.
///
/// - Parameter embeddings: `S`, `[N, k]` with `N >= 2`.
/// - Returns: a scalar.
public func pullAwayTerm(_ embeddings: Variable) -> Variable {
    let n = embeddings.shape[0]
    precondition(embeddings.rank == 2 && n >= 2, "pullAwayTerm: needs [N, k] embeddings with N >= 2, got \(embeddings.shape)")
    let norms = (embeddings.square().sum(alongAxes: [1], keepingDims: true) + 1e-12).sqrt()   // [N, 1]
    let unit = embeddings / norms                                                              // [N, k]
    let cosines = Variable.matmul(unit, unit, transposeB: true)                               // [N, N]
    let diagonal = unit.square().sum(alongAxes: [1]).square().sum()                          // sum_i (u_i . u_i)^2
    return (cosines.square().sum() - diagonal) / Double(n * (n - 1))
}
