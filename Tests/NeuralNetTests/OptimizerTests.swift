import Foundation
import Testing
import Autodiff
@testable import NeuralNet

@Suite("Optimizers")
struct OptimizerTests {
    @Test("SGD with momentum: hand-computed first three steps")
    func sgdSteps() {
        let p = Variable(parameter: Tensor([1.0]))
        let sgd = SGD([p], learningRate: 0.1, momentum: 0.9)
        sgd.step([Tensor([2.0])])      // v = 2,            p = 1 - 0.2 = 0.8
        #expect(Swift.abs(p.value[0] - 0.8) < 1e-15)
        sgd.step([Tensor([2.0])])      // v = 1.8 + 2 = 3.8, p = 0.8 - 0.38 = 0.42
        #expect(Swift.abs(p.value[0] - 0.42) < 1e-15)
        sgd.step([Tensor([-1.0])])     // v = 3.42 - 1 = 2.42, p = 0.42 - 0.242 = 0.178
        #expect(Swift.abs(p.value[0] - 0.178) < 1e-14)
        let q = Variable(parameter: Tensor([1.0, -1]))
        SGD([q], learningRate: 0.5).step([Tensor([1.0, 4])])
        #expect(q.value.scalars == [0.5, -3])
    }

    @Test("RMSProp: hand-computed first two steps")
    func rmsPropSteps() {
        let p = Variable(parameter: Tensor([1.0]))
        let opt = RMSProp([p], learningRate: 0.01, alpha: 0.99, epsilon: 1e-8)
        opt.step([Tensor([2.0])])      // s = 0.01 * 4 = 0.04, step = 0.01 * 2 / (0.2 + 1e-8)
        let p1 = 1 - 0.01 * 2 / (0.2 + 1e-8)
        #expect(Swift.abs(p.value[0] - p1) < 1e-15)
        opt.step([Tensor([1.0])])      // s = 0.99 * 0.04 + 0.01 = 0.0496
        let p2 = p1 - 0.01 * 1 / (0.0496.squareRoot() + 1e-8)
        #expect(Swift.abs(p.value[0] - p2) < 1e-15)
    }

    @Test("Adam: the bias-corrected first step is lr * g / (|g| + eps), then the second by hand")
    func adamSteps() {
        let p = Variable(parameter: Tensor([1.0, 1.0]))
        let opt = Adam([p], learningRate: 0.1, beta1: 0.9, beta2: 0.999)
        opt.step([Tensor([3.0, -0.001])])
        #expect(Swift.abs(p.value[0] - (1 - 0.1 * 3 / (3 + 1e-8))) < 1e-15)
        #expect(Swift.abs(p.value[1] - (1 + 0.1 * 0.001 / (0.001 + 1e-8))) < 1e-14)
        opt.step([Tensor([1.0, 0])])
        // m = 0.9*0.3 + 0.1*1 = 0.37, v = 0.999*0.009 + 0.001*1 = 0.009991
        let mHat = 0.37 / (1 - 0.81), vHat = 0.009991 / (1 - 0.999 * 0.999)
        let expected = (1 - 0.1 * 3 / (3 + 1e-8)) - 0.1 * mHat / (vHat.squareRoot() + 1e-8)
        #expect(Swift.abs(p.value[0] - expected) < 1e-14)
    }

    /// f(p) = sum_i c_i (p_i - t_i)^2 with curvatures from 0.5 to 4: every optimizer must reach t.
    @Test("every optimizer converges on an ill-conditioned quadratic", arguments: ["sgd", "momentum", "rmsprop", "adam"])
    func convergesOnQuadratic(_ name: String) {
        let target = Tensor([1, -2, 0.5, 3]), curvature = Tensor([0.5, 1, 2, 4])
        let p = Variable(parameter: .zeros([4]))
        let opt: any Optimizer = switch name {
        case "sgd": SGD([p], learningRate: 0.1)
        case "momentum": SGD([p], learningRate: 0.05, momentum: 0.9)
        case "rmsprop": RMSProp([p], learningRate: 0.01)
        default: Adam([p], learningRate: 0.05)
        }
        for step in 0..<3000 {
            opt.minimize(((p - target).square() * curvature).sum())
            // RMSProp and Adam take steps of about lr near the optimum; decay it so they settle.
            if name == "rmsprop" || name == "adam", step % 500 == 499 { opt.learningRate *= 0.3 }
        }
        #expect(p.value.maxAbsoluteDifference(target) < 1e-4, "\(name): \(p.value)")
    }

    @Test("optimizer state restores so that resumed updates are identical", arguments: ["sgd", "rmsprop", "adam"])
    func stateRoundTrip(_ name: String) throws {
        func make(_ p: Variable) -> any Optimizer {
            switch name {
            case "sgd": SGD([p], learningRate: 0.1, momentum: 0.5)
            case "rmsprop": RMSProp([p], learningRate: 0.01)
            default: Adam([p], learningRate: 0.01)
            }
        }
        let gs = (0..<6).map { Tensor([Double($0) - 2.5, 1 / (Double($0) + 1)]) }
        let a = Variable(parameter: Tensor([1, 2])), optA = make(a)
        for g in gs { optA.step([g]) }
        let b = Variable(parameter: Tensor([1, 2])), optB = make(b)
        for g in gs.prefix(3) { optB.step([g]) }
        let data = try JSONEncoder().encode(optB.state)
        let c = Variable(parameter: b.value), optC = make(c)
        try optC.restore(JSONDecoder().decode(OptimizerState.self, from: data))
        for g in gs.suffix(3) { optC.step([g]) }
        #expect(c.value == a.value)
    }
}
