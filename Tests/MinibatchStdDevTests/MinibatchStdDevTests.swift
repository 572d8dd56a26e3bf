import Foundation
import Testing
import Autodiff
import NeuralNet
@testable import MinibatchStdDev

/// The statistic straight from its definition, with loops: group `m` holds samples `m, m + M, ...`
/// (`M = N / G`); per feature and location the population standard deviation over the group,
/// `sqrt(mean((x - mean)^2) + eps)`, averaged over features and locations.
func directStatistic(_ x: Tensor, groupSize g: Int, epsilon: Double = 1e-8) -> [Double] {
    let n = x.shape[0], m = n / g
    let inner = x.count / n
    return (0..<m).map { group in
        var total = 0.0
        for k in 0..<inner {
            let values = (0..<g).map { x.scalars[($0 * m + group) * inner + k] }
            let mean = values.reduce(0, +) / Double(g)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(g)
            total += (variance + epsilon).squareRoot()
        }
        return total / Double(inner)
    }
}

/// The appended feature of each sample: `[N]`, read from the layer's output.
func appended(_ y: Tensor) -> [Double] {
    let n = y.shape[0]
    if y.rank == 2 { return (0..<n).map { y[$0, y.shape[1] - 1] } }
    return (0..<n).map { y[$0, y.shape[1] - 1, 0, 0] }
}

@Suite("Minibatch standard deviation")
struct MinibatchStdDevTests {
    let layer = MinibatchStdDev()

    @Test("[N, F] becomes [N, F + 1] and [N, C, H, W] becomes [N, C + 1, H, W]; the input passes through unchanged", arguments: 0..<10)
    func shapes(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let flat = Tensor.randomNormal([8, 3 + Int(seed % 4)], using: &rng)
        let y = layer(Variable(flat), training: true).value
        #expect(y.shape == [8, flat.shape[1] + 1], "seed \(seed)")
        #expect(y.slice(alongAxis: 1, 0..<flat.shape[1]) == flat, "seed \(seed)")
        let maps = Tensor.randomNormal([12, 2, 3, 5], using: &rng)
        let z = layer(Variable(maps), training: true).value
        #expect(z.shape == [12, 3, 3, 5], "seed \(seed)")
        #expect(z.slice(alongAxis: 1, 0..<2) == maps, "seed \(seed)")
        // The extra map is constant over the pixels of each sample.
        let extra = z.slice(alongAxis: 1, 2..<3)
        for i in 0..<12 {
            let plane = extra.slice(alongAxis: 0, i..<(i + 1)).scalars
            #expect(plane.allSatisfy { $0 == plane[0] }, "seed \(seed), sample \(i)")
        }
    }

    @Test("a batch of identical samples gives exactly the epsilon floor sqrt(1e-8) = 1e-4", arguments: 0..<20)
    func identicalSamplesGiveTheFloor(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let one = Tensor.randomNormal([1, 2, 4, 4], using: &rng).map { $0 * 10 }
        let batch = Tensor.concatenate(Array(repeating: one, count: 8), alongAxis: 0)   // [8, 2, 4, 4]
        for s in appended(layer(Variable(batch), training: true).value) {
            #expect(Swift.abs(s - 1e-4) < 1e-13, "seed \(seed): got \(s)")
        }
        let rows = Tensor.concatenate(Array(repeating: one.reshaped([1, -1]), count: 4), alongAxis: 0)   // [4, 32]
        #expect(appended(layer(Variable(rows), training: true).value).allSatisfy { Swift.abs($0 - 1e-4) < 1e-13 }, "seed \(seed)")
    }

    @Test("samples a, -a, a, -a give sqrt(a^2 + eps) per feature, averaged over the features", arguments: 0..<10)
    func knownSpread(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let a = Tensor.randomNormal([1, 5], using: &rng)
        let batch = Tensor.concatenate([a, -a, a, -a], alongAxis: 0)          // one group of 4 (M = 1)
        let expected = a.scalars.reduce(0) { $0 + ($1 * $1 + 1e-8).squareRoot() } / 5
        for s in appended(layer(Variable(batch), training: true).value) {
            #expect(Swift.abs(s - expected) < 1e-14, "seed \(seed): \(s) vs \(expected)")
        }
    }

    @Test("groups are strided as in the official reshape [G, M, ...]: sample n is in group n mod M")
    func groupsAreStrided() {
        // Samples alternate 0, 10, 0, 10, ...: each strided group is constant (floor 1e-4), while a
        // group of four consecutive samples would have standard deviation 5.
        let x = Tensor(shape: [8, 1], scalars: [0, 10, 0, 10, 0, 10, 0, 10])
        for s in appended(layer(Variable(x), training: true).value) { #expect(Swift.abs(s - 1e-4) < 1e-13) }
        // And two groups of different spread get their own values: group 0 = samples 0, 2, 4, 6.
        let y = Tensor(shape: [8, 1], scalars: [1, 5, -1, 5, 1, 5, -1, 5])
        let s = appended(layer(Variable(y), training: true).value)
        let spread = (1 + 1e-8).squareRoot(), floor = 1e-4
        #expect(zip(s, [spread, floor, spread, floor, spread, floor, spread, floor]).allSatisfy { Swift.abs($0 - $1) < 1e-13 }, "\(s)")
    }

    @Test("reordering samples within a group reorders the output rows the same way", arguments: 0..<20)
    func orderWithinGroupDoesNotMatter(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([12, 2, 2, 3], using: &rng)                // G = 4, M = 3
        let m = 3
        // A random permutation of the members of each group (positions m, m + M, m + 2M, m + 3M).
        var order = Array(0..<12)
        for group in 0..<m {
            let members = (0..<4).map { $0 * m + group }
            var shuffled = members
            shuffled.shuffle(seeded: &rng)
            for (slot, source) in zip(members, shuffled) { order[slot] = source }
        }
        let y = layer(Variable(x), training: true).value
        let yPermuted = layer(Variable(x.rows(at: order)), training: true).value
        #expect(yPermuted.isApproximatelyEqual(to: y.rows(at: order), relativeTolerance: 1e-12, absoluteTolerance: 1e-15), "seed \(seed)")
    }

    @Test("it agrees with a direct loop over groups, features and locations", arguments: 0..<20)
    func agreesWithDirectComputation(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = [4, 8, 12, 16][Int(seed % 4)]
        for x in [Tensor.randomNormal([n, 5], using: &rng), Tensor.randomNormal([n, 3, 2, 3], using: &rng)] {
            let expected = directStatistic(x, groupSize: 4)
            let got = layer.groupStatistics(Variable(x)).value.scalars
            #expect(zip(got, expected).allSatisfy { Swift.abs($0 - $1) < 1e-13 }, "seed \(seed), shape \(x.shape)")
            let m = n / 4
            let feature = appended(layer(Variable(x), training: true).value)
            #expect(zip(feature, (0..<n).map { expected[$0 % m] }).allSatisfy { Swift.abs($0 - $1) < 1e-13 }, "seed \(seed)")
        }
    }

    @Test("a batch that is not a multiple of the group size uses the largest group size that divides it")
    func groupSizeFallback() {
        #expect([8, 12, 6, 7, 3, 2, 1, 9].map { layer.effectiveGroupSize(batch: $0) } == [4, 4, 3, 1, 3, 2, 1, 3])
        var rng = SeededGenerator(seed: 5)
        let x = Tensor.randomNormal([6, 4], using: &rng)
        #expect(layer.groupStatistics(Variable(x)).value.scalars.count == 2)
        let direct = directStatistic(x, groupSize: 3)
        #expect(zip(layer.groupStatistics(Variable(x)).value.scalars, direct).allSatisfy { Swift.abs($0 - $1) < 1e-13 })
    }

    @Test("gradients agree with central differences on [N, F] and [N, C, H, W]", arguments: 0..<20)
    func gradientCheck(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for shape in [[8, 3], [8, 2, 3, 3], [6, 2, 2, 1]] {
            let x = Tensor.randomNormal(shape, using: &rng)
            var out = shape; out[1] += 1
            let w = Tensor.randomNormal(out, using: &rng)
            let result = GradientCheck.check({ (layer($0[0], training: true) * w).sum() }, at: [x])
            #expect(result.passes(tolerance: 1e-6), "seed \(seed), shape \(shape): \(result)")
        }
    }

    @Test("its backward pass is differentiable again (Hessian-vector products)", arguments: 0..<8)
    func secondOrder(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let x = Tensor.randomNormal([8, 2, 2, 2], using: &rng)
        let w = Tensor.randomNormal([8, 3, 2, 2], using: &rng)
        let result = GradientCheck.checkSecondOrder({ (layer($0[0], training: true) * w).sum() }, at: [x], seed: seed)
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(result)")
    }
}
