import Foundation
import Testing
import Autodiff
import Metrics

@Suite("Sliced W1")
struct SlicedWassersteinTests {
    @Test("sliced W1 never exceeds exact W1", arguments: 0..<20)
    func slicedBelowExact(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 2 + rng.nextInt(below: 60)
        let d = 2 + rng.nextInt(below: 3)
        let x = Tensor.randomNormal([n, d], using: &rng), y = Tensor.randomNormal([n, d], mean: 0.5, std: 2, using: &rng)
        let sliced = slicedWasserstein1(x, y, projections: 64, using: &rng)
        let exact = wasserstein1(x, y)
        #expect(sliced <= exact + 1e-12, "sliced \(sliced) > exact \(exact), seed \(seed)")
        #expect(sliced > 0, "seed \(seed)")
    }

    @Test("1-D sets shifted by c: every projection gives |c|", arguments: 0..<10)
    func shifted1D(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([50, 1], using: &rng)
        let c = 4 * rng.nextUniform() - 2
        #expect(abs(slicedWasserstein1(x, x + c, projections: 16, using: &rng) - abs(c)) < 1e-12, "seed \(seed)")
    }

    @Test("2-D sets shifted by v: the mean of |<theta, v>| over the same directions", arguments: 0..<10)
    func shifted2D(seed: UInt64) {
        var data = SeededGenerator(seed: 1000 + seed)
        let x = Tensor.randomNormal([40, 2], using: &data)
        let v = [2 * data.nextUniform() - 1, 2 * data.nextUniform() - 1]
        var rng = SeededGenerator(seed: seed), replay = SeededGenerator(seed: seed)
        let sliced = slicedWasserstein1(x, x + Tensor(v), projections: 32, using: &rng)
        let directions = randomUnitDirections(count: 32, dimension: 2, using: &replay).rows
        let expected = directions.reduce(0) { $0 + abs($1[0] * v[0] + $1[1] * v[1]) } / 32
        #expect(abs(sliced - expected) < 1e-12, "\(sliced) vs \(expected), seed \(seed)")
        // With many projections this approaches E|<theta, v>| = (2 / pi) ||v|| for theta uniform on the
        // circle; |cos| has sd sqrt(1/2 - 4/pi^2) = 0.31, so 4096 projections give a relative se of 0.0048.
        var many = SeededGenerator(seed: seed)
        let average = slicedWasserstein1(x, x + Tensor(v), projections: 4096, using: &many)
        let norm = (v[0] * v[0] + v[1] * v[1]).squareRoot()
        #expect(abs(average - 2 / Double.pi * norm) <= 5 * (0.5 - 4 / (Double.pi * Double.pi)).squareRoot() * norm / 64,
                "\(average) vs \(2 / Double.pi * norm), seed \(seed)")
    }

    @Test("directions are unit vectors with mean near 0", arguments: [1, 2, 3, 5])
    func unitDirections(dimension: Int) {
        var rng = SeededGenerator(seed: UInt64(dimension))
        let n = 4000
        let directions = randomUnitDirections(count: n, dimension: dimension, using: &rng)
        for row in directions.rows { #expect(abs(row.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12) }
        // Each coordinate of a uniform unit vector has mean 0 and variance 1/d.
        for k in 0..<dimension {
            let m = directions.rows.reduce(0) { $0 + $1[k] } / Double(n)
            #expect(abs(m) <= 5 * (1 / Double(dimension) / Double(n)).squareRoot(), "dimension \(dimension) coordinate \(k)")
        }
    }

    @Test("zero on identical sets; same seed, same value; another seed, another value")
    func zeroAndDeterministic() {
        var data = SeededGenerator(seed: 8)
        let x = Tensor.randomNormal([30, 2], using: &data), y = Tensor.randomNormal([20, 2], using: &data)
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3), c = SeededGenerator(seed: 4)
        #expect(slicedWasserstein1(x, x, using: &a) == 0)
        let first = slicedWasserstein1(x, y, using: &b)
        var b2 = SeededGenerator(seed: 3)
        #expect(slicedWasserstein1(x, y, using: &b2) == first)
        #expect(slicedWasserstein1(x, y, using: &c) != first)
    }
}
