import Autodiff

/// PacGAN's packing: `m` samples side by side as one input of the discriminator.
///
/// ```
/// [N, d]  ->  [ceil(N / m), m d]      row k = (x_{km}, x_{km+1}, ..., x_{km+m-1})
/// ```
///
/// Consecutive rows go into one pack, which for a row-major `[N, d]` tensor with `m | N` is a plain
/// reshape. When `m` does not divide `N` the last pack is filled by wrapping around to the first
/// rows, so every row is seen at least once and any batch size works (the gradient then counts
/// the reused rows twice, as it should: they appear twice in the loss).
///
/// - Parameters:
///   - x: `[N, d]` samples, `N >= 1`.
///   - m: the packing degree, `m >= 1` (`m = 1` returns `x` unchanged).
/// - Returns: `[ceil(N / m), m d]`.
public func pack(_ x: Variable, degree m: Int) -> Variable {
    precondition(m >= 1, "pack: the packing degree must be at least 1, got \(m)")
    precondition(x.rank == 2 && x.shape[0] >= 1, "pack: needs [N, d] samples with N >= 1, got shape \(x.shape)")
    let n = x.shape[0], d = x.shape[1]
    let packs = (n + m - 1) / m
    let filled = packs * m == n ? x : x.rows(at: (0..<(packs * m)).map { $0 % n })    // [packs m, d]
    return filled.reshaped([packs, m * d])                                               // [packs, m d]
}

/// `m` copies of each point side by side: `[N, d] -> [N, m d]`, the pack a packed discriminator
/// sees when all its members sit at the same place (how its heat map is drawn).
public func packCopies(_ points: Tensor, degree m: Int) -> Tensor {
    precondition(m >= 1, "packCopies: the packing degree must be at least 1, got \(m)")
    return Tensor.concatenate(Array(repeating: points, count: m), alongAxis: 1)          // [N, m d]
}
