import Testing
import Foundation
import Autodiff
@testable import NeuralNet

@Suite("Adam's vectorised update")
struct AdamVectorTests {
    /// Adam's update loop is vectorised by the compiler, with a remainder loop; both parts must
    /// follow Algorithm 1 exactly. 37 elements span whole vectors and a tail of every width.
    @Test("three Adam steps on 37 elements equal Algorithm 1 written element by element", arguments: UInt64(0)..<5)
    func vectorMatchesScalar(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let start = Tensor.randomNormal([37], using: &rng)
        let grads = (0..<3).map { _ in Tensor.randomNormal([37], using: &rng) }
        let p = Variable(parameter: start)
        let opt = Adam([p], learningRate: 0.01, beta1: 0.5, beta2: 0.9, epsilon: 1e-8)
        for g in grads { opt.step([g]) }
        var expected = start.scalars, m = [Double](repeating: 0, count: 37), v = m
        for (t, g) in grads.enumerated() {
            let c1 = 1 - Foundation.pow(0.5, Double(t + 1)), c2 = 1 - Foundation.pow(0.9, Double(t + 1))
            for i in 0..<37 {
                m[i] = 0.5 * m[i] + 0.5 * g.scalars[i]
                v[i] = 0.9 * v[i] + 0.1 * g.scalars[i] * g.scalars[i]
                expected[i] -= 0.01 * (m[i] / c1) / ((v[i] / c2).squareRoot() + 1e-8)
            }
        }
        // NaN counts as the worst difference of all.
        let worst = zip(p.value.scalars, expected).map { Swift.abs($0 - $1) }.reduce(0) { !($1 <= $0) ? $1 : $0 }
        #expect(worst <= 1e-15, "seed \(seed): \(worst)")
    }

    /// The update loop (vectorised by the compiler, with LLVM's square root) against Algorithm 1
    /// written here with `Double.squareRoot()`, bit for bit: sizes 1-300 (every tail length of
    /// any vector width), gradients spread over twelve orders of magnitude, zeros included, and the
    /// hyperparameters the experiments use.
    @Test("Adam's update equals Algorithm 1 with squareRoot(), bit for bit", arguments: UInt64(0)..<40)
    func updateIsBitExact(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 1 + rng.nextInt(below: 300)
        let settings: [(lr: Double, b1: Double, b2: Double, eps: Double)] = [
            (1e-3, 0.9, 0.999, 1e-8), (1e-4, 0.5, 0.999, 1e-8), (1e-4, 0, 0.9, 1e-8), (2e-4, 0.8, 0.999, 1e-8),
        ]
        let (lr, b1, b2, eps) = settings[Int(seed) % settings.count]
        let start = Tensor.randomNormal([n], using: &rng)
        let grads = (0..<4).map { _ in
            Tensor(shape: [n], scalars: Tensor.randomNormal([n], using: &rng).scalars.map { x in
                rng.nextInt(below: 10) == 0 ? 0 : x * Foundation.pow(10, Double(rng.nextInt(below: 13) - 9))
            })
        }
        let p = Variable(parameter: start)
        let opt = Adam([p], learningRate: lr, beta1: b1, beta2: b2, epsilon: eps)
        var expected = start.scalars, m = [Double](repeating: 0, count: n), v = m
        for (t, g) in grads.enumerated() {
            opt.step([g])
            let c1 = 1 - Foundation.pow(b1, Double(t + 1)), c2 = 1 - Foundation.pow(b2, Double(t + 1))
            for i in 0..<n {
                m[i] = b1 * m[i] + (1 - b1) * g.scalars[i]
                v[i] = b2 * v[i] + (1 - b2) * g.scalars[i] * g.scalars[i]
                expected[i] = expected[i] - lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
            }
            let same = zip(p.value.scalars, expected).allSatisfy { $0.bitPattern == $1.bitPattern }
            #expect(same, "seed \(seed) n \(n) step \(t + 1)")
        }
    }
}
