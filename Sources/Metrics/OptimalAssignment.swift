import Autodiff

/// A minimum-cost perfect matching of rows to columns of a square cost matrix.
public struct OptimalAssignment: Sendable, Hashable {
    /// `columnForRow[i]` is the column matched to row `i`; a permutation of `0..<n`.
    public var columnForRow: [Int]
    /// `sum_i costs[i, columnForRow[i]]`, the smallest such sum over all permutations.
    public var cost: Double
}

/// The permutation `sigma` minimising `sum_i C[i, sigma(i)]`, by the Hungarian method (Kuhn 1955,
/// Munkres 1957) in its shortest-augmenting-path form with dual potentials (as in Jonker and
/// Volgenant 1987): rows are added one at a time, and each is matched by a Dijkstra-like search
/// over reduced costs `C[i, j] - u_i - v_j >= 0`, after which the potentials are updated so every
/// matched pair keeps reduced cost 0.
///
/// ```
/// minimise  sum_i C[i, sigma(i)]  over permutations sigma
/// dual:     maximise sum_i u_i + sum_j v_j  subject to  u_i + v_j <= C[i, j]
/// ```
///
/// At the end the matching is tight for the dual (complementary slackness), which proves it optimal.
///
/// - Parameter costs: `[n, n]` finite costs (any sign).
/// - Returns: the optimal matching and its cost (summed from `costs` directly, not from the duals).
/// - Complexity: O(n^3) time, O(n) extra memory, allocated once per call: the search loops touch
///   only flat buffers, so n = 512 takes tens of milliseconds in a release build.
///
/// Properties the tests check: agreement with brute force over all permutations for n <= 7 on
/// many seeded random matrices (with ties and negative entries), the result is a permutation whose
/// cost equals the reported cost, and 1-D Euclidean costs give the sorted matching's cost.
public func optimalAssignment(costs: Tensor) -> OptimalAssignment {
    precondition(costs.rank == 2 && costs.shape[0] == costs.shape[1],
                 "optimalAssignment: needs a square [n, n] cost matrix, got shape \(costs.shape)")
    precondition(costs.isFinite, "optimalAssignment: costs must be finite")
    let n = costs.shape[0]
    if n == 0 { return OptimalAssignment(columnForRow: [], cost: 0) }

    let search = HungarianSearch(n: n)
    defer { search.deallocate() }
    costs.scalars.withUnsafeBufferPointer { c in
        for row in 1...n { search.match(row: row, costs: c) }
    }

    var columnForRow = [Int](repeating: 0, count: n)
    for j in 1...n { columnForRow[search.rowOfColumn[j] - 1] = j - 1 }
    var total = 0.0
    for i in 0..<n { total += costs.scalars[i * n + columnForRow[i]] }
    return OptimalAssignment(columnForRow: columnForRow, cost: total)
}

/// The state of the Hungarian method's searches in flat buffers allocated once. Index 0 of every
/// buffer is a virtual column (and its row), so real rows and columns are `1...n`.
private struct HungarianSearch {
    let n: Int
    let u: UnsafeMutablePointer<Double>              // row potentials
    let v: UnsafeMutablePointer<Double>              // column potentials
    let minSlack: UnsafeMutablePointer<Double>       // least reduced cost to reach column j
    let rowOfColumn: UnsafeMutablePointer<Int>       // 0 = column unmatched
    let previous: UnsafeMutablePointer<Int>          // column before j on the search path
    let done: UnsafeMutablePointer<Bool>             // column settled in this search

    init(n: Int) {
        self.n = n
        let size = n + 1
        u = .allocate(capacity: size); u.initialize(repeating: 0, count: size)
        v = .allocate(capacity: size); v.initialize(repeating: 0, count: size)
        minSlack = .allocate(capacity: size); minSlack.initialize(repeating: .infinity, count: size)
        rowOfColumn = .allocate(capacity: size); rowOfColumn.initialize(repeating: 0, count: size)
        previous = .allocate(capacity: size); previous.initialize(repeating: 0, count: size)
        done = .allocate(capacity: size); done.initialize(repeating: false, count: size)
    }

    func deallocate() {
        u.deallocate(); v.deallocate(); minSlack.deallocate(); rowOfColumn.deallocate(); previous.deallocate(); done.deallocate()
    }

    /// Adds `row` (1-based) to the matching: a shortest augmenting path over reduced costs from
    /// the virtual column to an unmatched column, with the potentials kept feasible.
    /// `c` is the `[n, n]` cost matrix, row-major.
    func match(row: Int, costs c: UnsafeBufferPointer<Double>) {
        // 1. Start a search from the virtual column 0, provisionally holding the new row.
        rowOfColumn[0] = row
        var column = 0
        for j in 0...n { minSlack[j] = .infinity; done[j] = false }
        // 2. Grow a tree of tight edges until it reaches an unmatched column.
        repeat {
            done[column] = true
            let i = rowOfColumn[column]
            let base = (i - 1) * n - 1   // c[base + j] is C[i, j] for 1-based i and j
            let ui = u[i]
            var delta = Double.infinity, next = 0
            for j in 1...n where !done[j] {
                let reduced = c[base + j] - ui - v[j]
                if reduced < minSlack[j] { minSlack[j] = reduced; previous[j] = column }
                if minSlack[j] < delta { delta = minSlack[j]; next = j }
            }
            // 3. Shift the potentials by the smallest slack: tree edges stay tight and one more
            //    column becomes reachable at reduced cost 0.
            for j in 0...n {
                if done[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { minSlack[j] -= delta }
            }
            column = next
        } while rowOfColumn[column] != 0
        // 4. Flip the matching along the path back to the virtual column.
        repeat {
            let before = previous[column]
            rowOfColumn[column] = rowOfColumn[before]
            column = before
        } while column != 0
    }
}
