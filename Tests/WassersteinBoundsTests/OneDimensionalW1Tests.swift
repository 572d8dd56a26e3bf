import Testing
import Foundation
import Autodiff
import Metrics
@testable import WassersteinBounds

// Bound 4: in one dimension the optimal transport plan between two equal-size samples matches
// them in sorted order, so W1 by sorting equals the optimal-assignment value (and brute force).

/// The least mean cost over every permutation: the definition, for small n.
func bruteForceW1(_ x: [Double], _ y: [Double]) -> Double {
    var best = Double.infinity
    var perm = Array(0..<y.count)
    func search(_ k: Int) {
        if k == perm.count {
            best = Swift.min(best, zip(x, perm).map { Swift.abs($0 - y[$1]) }.reduce(0, +) / Double(x.count))
            return
        }
        for i in k..<perm.count {
            perm.swapAt(k, i); search(k + 1); perm.swapAt(k, i)
        }
    }
    search(0)
    return best
}

@Suite("1-D W1: sorting equals the optimal assignment")
struct OneDimensionalW1Tests {
    @Test("sorting, the Hungarian method and brute force agree, ties included", arguments: 0..<20)
    func sortingIsOptimal(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 2 + rng.nextInt(below: 6)
        // Integers in a small range, so ties are common; the scale keeps them exact in Double.
        let x = (0..<n).map { _ in Double(rng.nextInt(below: 7)) - 3 }
        let y = (0..<n).map { _ in Double(rng.nextInt(below: 7)) * 0.5 }
        let sorted = wasserstein1D(x, y)
        let assignment = wasserstein1ByAssignment(Tensor(shape: [n, 1], scalars: x), Tensor(shape: [n, 1], scalars: y))
        #expect(close(sorted, assignment, 1e-12), "seed \(seed): \(sorted) vs \(assignment)")
        #expect(close(sorted, bruteForceW1(x, y), 1e-12), "seed \(seed)")
    }

    @Test("larger continuous samples: sorting equals the assignment", arguments: 0..<10)
    func largerSamples(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([60, 1], using: &rng), y = Tensor.randomNormal([60, 1], mean: 0.5, std: 2, using: &rng)
        #expect(close(wasserstein1D(x.scalars, y.scalars), wasserstein1ByAssignment(x, y), 1e-10), "seed \(seed)")
    }

    @Test("a shift by c costs exactly |c|; a crossing pair costs the sum of its two moves")
    func knownAnswers() {
        #expect(close(wasserstein1D([1, 5, 2], [4, 8, 5]), 3))
        #expect(wasserstein1D([0, 1], [1, 0]) == 0)
        #expect(close(bruteForceW1([0, 10], [1, 9]), 1))
    }
}
