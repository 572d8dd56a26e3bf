import Testing
import Autodiff
import Metrics

/// The readable definition: the smallest `sum_i C[i, sigma(i)]` over all `n!` permutations.
func bruteForceAssignmentCost(_ costs: Tensor) -> Double {
    let n = costs.shape[0]
    var best = Double.infinity
    var used = [Bool](repeating: false, count: n)
    func extend(_ row: Int, _ partial: Double) {
        if row == n { best = min(best, partial); return }
        for column in 0..<n where !used[column] {
            used[column] = true
            extend(row + 1, partial + costs[row, column])
            used[column] = false
        }
    }
    extend(0, 0)
    return best
}

@Suite("Optimal assignment (Hungarian method)")
struct OptimalAssignmentTests {
    @Test("agrees with brute force over all permutations for n <= 7", arguments: 0..<60)
    func agreesWithBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 1 + rng.nextInt(below: 7)
        // Alternate real costs, small integers (many ties) and signed costs.
        let costs: Tensor
        switch seed % 3 {
        case 0: costs = Tensor.randomUniform([n, n], using: &rng)
        case 1: costs = Tensor(shape: [n, n], scalars: (0..<(n * n)).map { _ in Double(rng.nextInt(below: 4)) })
        default: costs = Tensor.randomNormal([n, n], std: 10, using: &rng)
        }
        let result = optimalAssignment(costs: costs)
        let best = bruteForceAssignmentCost(costs)
        #expect(abs(result.cost - best) <= 1e-12 * max(1, abs(best)), "n \(n): \(result.cost) vs \(best), seed \(seed)")
        #expect(result.columnForRow.sorted() == Array(0..<n), "not a permutation: \(result.columnForRow), seed \(seed)")
        let recomputed = (0..<n).reduce(0.0) { $0 + costs[$1, result.columnForRow[$1]] }
        #expect(recomputed == result.cost, "seed \(seed)")
    }

    @Test("a diagonal of zeros in a positive matrix is found; a shuffled one too")
    func findsHiddenZeroPermutation() {
        var rng = SeededGenerator(seed: 99)
        let n = 40
        var permutation = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { permutation.swapAt(i, rng.nextInt(below: i + 1)) }
        var costs = Tensor.randomUniform([n, n], low: 1, high: 2, using: &rng)
        for i in 0..<n { costs[i, permutation[i]] = 0 }
        let result = optimalAssignment(costs: costs)
        #expect(result.cost == 0 && result.columnForRow == permutation)
    }

    @Test("an empty matrix has the empty assignment")
    func emptyMatrix() {
        let result = optimalAssignment(costs: Tensor(shape: [0, 0], scalars: []))
        #expect(result.columnForRow.isEmpty && result.cost == 0)
    }
}
