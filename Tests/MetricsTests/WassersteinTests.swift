import Foundation
import Testing
import Autodiff
import Metrics

@Suite("Exact W1 between point sets")
struct WassersteinTests {
    @Test("W1(x, x + v) = ||v|| for a shifted copy", arguments: 0..<20)
    func shiftedCopy(seed: UInt64) {
        // The identity matching costs n ||v||. No matching costs less: for any permutation sigma,
        // sum_i ||x_i - x_sigma(i) - v|| >= ||sum_i (x_i - x_sigma(i) - v)|| = ||-n v|| = n ||v||
        // by the triangle inequality, since sum_i x_sigma(i) = sum_i x_i. So W1 = ||v|| exactly,
        // whichever optimal matching the algorithm finds.
        var rng = SeededGenerator(seed: seed)
        let n = 5 + rng.nextInt(below: 60)
        let x = Tensor.randomNormal([n, 2], using: &rng)  // [n, 2]
        let v = [4 * rng.nextUniform() - 2, 4 * rng.nextUniform() - 2]
        let y = x + Tensor(v)                              // [n, 2] shifted copy
        let norm = (v[0] * v[0] + v[1] * v[1]).squareRoot()
        #expect(abs(wasserstein1(x, y) - norm) < 1e-12, "W1 \(wasserstein1(x, y)) vs ||v|| \(norm), seed \(seed)")
    }

    @Test("W1 is symmetric, zero on identical and permuted copies", arguments: 0..<20)
    func symmetricAndZero(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 2 + rng.nextInt(below: 50)
        let x = Tensor.randomNormal([n, 2], using: &rng), y = Tensor.randomUniform([n, 2], using: &rng)
        #expect(abs(wasserstein1(x, y) - wasserstein1(y, x)) < 1e-12, "seed \(seed)")
        #expect(wasserstein1(x, x) == 0, "seed \(seed)")
        let shuffled = x.rows(at: (0..<n).reversed())
        #expect(wasserstein1(x, shuffled) == 0, "seed \(seed)")
        #expect(wasserstein1(x, y) > 0, "seed \(seed)")
    }

    @Test("W1 satisfies the triangle inequality", arguments: 0..<30)
    func triangleInequality(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 2 + rng.nextInt(below: 30)
        let d = 1 + rng.nextInt(below: 3)
        let x = Tensor.randomNormal([n, d], using: &rng)
        let y = Tensor.randomNormal([n, d], mean: 1, using: &rng)
        let z = Tensor.randomUniform([n, d], low: -2, high: 2, using: &rng)
        let xz = wasserstein1ByAssignment(x, z), xy = wasserstein1ByAssignment(x, y), yz = wasserstein1ByAssignment(y, z)
        #expect(xz <= xy + yz + 1e-12, "\(xz) > \(xy) + \(yz), seed \(seed)")
    }

    @Test("in 1-D the assignment and the sorted matching agree", arguments: 0..<20)
    func assignmentMatchesSortingIn1D(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 1 + rng.nextInt(below: 100)
        let x = Tensor.randomNormal([n, 1], using: &rng), y = Tensor.randomUniform([n, 1], low: -1, high: 3, using: &rng)
        let sorted = zip(x.scalars.sorted(), y.scalars.sorted()).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(n)
        #expect(abs(wasserstein1ByAssignment(x, y) - sorted) < 1e-12, "seed \(seed)")
        #expect(abs(wasserstein1(x, y) - sorted) < 1e-12, "seed \(seed)")
    }

    @Test("a hand case: two unit-spaced pairs one unit apart have W1 = 1")
    func handCase() {
        // Crossing the matching ((0,0)->(1,1), (1,0)->(0,1)) would cost sqrt 2 each.
        let x = Tensor(rows: [[0, 0], [1, 0]]), y = Tensor(rows: [[1, 1], [0, 1]])
        #expect(abs(wasserstein1(x, y) - 1) < 1e-15)
    }
}

@Suite("1-D W1 by quantile functions")
struct Wasserstein1DTests {
    /// The CDF form of 1-D W1: integral over s of |F(s) - G(s)|, summed over the merged sorted values.
    func cdfForm(_ x: [Double], _ y: [Double]) -> Double {
        let all = (x + y).sorted()
        var total = 0.0
        for k in 0..<(all.count - 1) {
            let s = all[k]
            let f = Double(x.filter { $0 <= s }.count) / Double(x.count)
            let g = Double(y.filter { $0 <= s }.count) / Double(y.count)
            total += abs(f - g) * (all[k + 1] - s)
        }
        return total
    }

    @Test("unequal sizes: the quantile form equals the CDF form", arguments: 0..<30)
    func quantileEqualsCDF(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = (0..<(1 + rng.nextInt(below: 40))).map { _ in rng.nextNormal() }
        let y = (0..<(1 + rng.nextInt(below: 40))).map { _ in 2 * rng.nextUniform() }
        #expect(abs(wasserstein1D(x, y) - cdfForm(x, y)) < 1e-12, "sizes \(x.count), \(y.count), seed \(seed)")
    }

    @Test("a sample against itself repeated is 0; against its shift by c it is |c|", arguments: 0..<10)
    func duplicatesAndShifts(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = (0..<(1 + rng.nextInt(below: 40))).map { _ in rng.nextNormal() }
        #expect(wasserstein1D(x, x + x + x) == 0, "seed \(seed)")
        let c = 3 * rng.nextUniform() - 1.5
        #expect(abs(wasserstein1D(x, x.map { $0 + c }) - abs(c)) < 1e-12, "seed \(seed)")
    }

    @Test("a hand case: {0} against {0, 1} is 1/2")
    func handCase() {
        #expect(wasserstein1D([0], [0, 1]) == 0.5)
    }
}
