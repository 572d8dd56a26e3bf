import Autodiff

/// The sliced Wasserstein-1 distance: the average 1-D W1 between the projections of `x` and `y`
/// onto random unit directions (Rabin, Peyre, Delon and Bernot 2011; Bonneel et al. 2015):
///
/// ```
/// SW1(x, y) = (1/P) sum_p W1(<theta_p, x>, <theta_p, y>),   theta_p uniform on the unit sphere
/// ```
///
/// Each projected W1 is the exact 1-D value (`wasserstein1D`), so `x` and `y` may have different
/// sizes. The directions are `randomUnitDirections(count: projections, dimension: d, using: &rng)`,
/// drawn first from `rng`, so a caller can reproduce them.
///
/// `SW1 <= W1` for equal sizes: a unit `theta` gives `|<theta, a - b>| <= ||a - b||`, so the optimal
/// d-dimensional matching, used on the projections, costs at most `W1`; the best projected matching
/// costs no more than that; and an average of numbers each `<= W1` is `<= W1`.
///
/// - Parameters:
///   - x: `[n, d]` points.
///   - y: `[m, d]` points.
///   - projections: the number of directions `P`; 128 by default.
///   - rng: the source of the directions.
/// - Complexity: O(P (n + m) (d + log(n + m))).
///
/// Properties the tests check: `SW1 <= W1` on random sets; `|c|` for 1-D sets shifted by `c`; the
/// mean of `|<theta, v>|` for 2-D sets shifted by `v`; zero on identical sets; determinism.
public func slicedWasserstein1(_ x: Tensor, _ y: Tensor, projections: Int = 128,
                               using rng: inout some RandomNumberGenerator) -> Double {
    precondition(x.rank == 2 && y.rank == 2 && x.shape[1] == y.shape[1] && x.shape[0] > 0 && y.shape[0] > 0,
                 "slicedWasserstein1: needs non-empty [n, d] and [m, d] point sets, got shapes \(x.shape) and \(y.shape)")
    precondition(projections > 0, "slicedWasserstein1: projections must be positive, got \(projections)")
    let directions = randomUnitDirections(count: projections, dimension: x.shape[1], using: &rng)  // [P, d]
    let projectedX = Tensor.matmul(directions, x, transposeB: true)  // [P, n] row p: <theta_p, x_i>
    let projectedY = Tensor.matmul(directions, y, transposeB: true)  // [P, m]
    let n = x.shape[0], m = y.shape[0]
    var total = 0.0
    for p in 0..<projections {
        total += wasserstein1D(Array(projectedX.scalars[(p * n)..<((p + 1) * n)]),
                               Array(projectedY.scalars[(p * m)..<((p + 1) * m)]))
    }
    return total / Double(projections)
}

/// `[count, dimension]` independent directions uniform on the unit sphere: normal vectors divided
/// by their length (the normal distribution is rotation invariant, so the direction is uniform).
public func randomUnitDirections(count: Int, dimension: Int,
                                 using rng: inout some RandomNumberGenerator) -> Tensor {
    precondition(count >= 0 && dimension > 0,
                 "randomUnitDirections: needs count >= 0 and dimension > 0, got \(count), \(dimension)")
    var out = [Double](repeating: 0, count: count * dimension)
    for p in 0..<count {
        var norm = 0.0
        // A zero vector has probability 0 but would have no direction; draw again if it happens.
        while norm == 0 {
            norm = 0
            for k in 0..<dimension {
                let z = rng.nextNormal()
                out[p * dimension + k] = z
                norm += z * z
            }
            norm = norm.squareRoot()
        }
        for k in 0..<dimension { out[p * dimension + k] /= norm }
    }
    return Tensor(shape: [count, dimension], scalars: out)
}
