import Testing
import Foundation
import Autodiff
@testable import NeuralNet

@Suite("Adam's vectorised update")
struct AdamVectorTests {
    /// Adam updates eight elements at a time and the rest one by one; both parts must follow
    /// Algorithm 1 exactly. 37 elements span four vectors and a tail of five.
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
}
