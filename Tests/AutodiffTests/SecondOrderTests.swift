import Testing
@testable import Autodiff

/// A 3-layer MLP critic `2 -> 6 -> 6 -> 1` written with raw ops, its parameters as one list.
func critic(_ p: [Variable], _ x: Variable, activation: (Variable) -> Variable) -> Variable {
    let h1 = activation(matmul(x, p[0]) + p[1])       // [N, 6]
    let h2 = activation(matmul(h1, p[2]) + p[3])      // [N, 6]
    return matmul(h2, p[4]) + p[5]                    // [N, 1]
}

/// The WGAN-GP penalty `mean_i (||grad_x D(x_i)|| - 1)^2` as a function of the critic's parameters:
/// its gradient needs the derivative of the backward pass.
func gradientPenalty(_ p: [Variable], _ points: Tensor, activation: @escaping (Variable) -> Variable) -> Variable {
    let x = Variable(parameter: points)                                              // [N, 2]
    let dx = gradients(of: critic(p, x, activation: activation).sum(), wrt: [x], createGraph: true)[0]
    let norms = (dx.square().sum(alongAxes: [1]) + 1e-12).sqrt()                      // [N]
    return (norms - 1).square().mean()
}

func criticParameters(seed: UInt64) -> [Tensor] {
    var rng = SeededGenerator(seed: seed)
    return [[2, 6], [6], [6, 6], [6], [6, 1], [1]].map { Tensor.randomNormal($0, std: 0.8, using: &rng) }
}

@Suite("Second-order autodiff")
struct SecondOrderTests {
    @Test("Hessian-vector products agree with differences of the gradient over 20 seeds", arguments: GradientCheck.smoothOpCases)
    func hessianVectorProducts(_ op: GradientCheckCase) {
        for seed in UInt64(0)..<20 {
            let result = op.checkSecondOrder(seed: seed)
            #expect(result.passes(tolerance: 1e-6), "\(op.name), seed \(seed): \(result)")
        }
    }

    @Test("the gradient penalty of a 3-layer MLP critic differentiates through the backward pass",
          arguments: ["tanh", "softplus", "elu"])
    func gradientPenaltyOfMLPCritic(_ activationName: String) {
        let activation: @Sendable (Variable) -> Variable = switch activationName {
        case "tanh": { $0.tanh() }
        case "softplus": { $0.softplus() }
        default: { $0.elu() }
        }
        for seed in UInt64(0)..<20 {
            var rng = SeededGenerator(seed: seed &+ 99)
            let points = Tensor.randomNormal([5, 2], using: &rng)
            let result = GradientCheck.check({ gradientPenalty($0, points, activation: activation) },
                                             at: criticParameters(seed: seed))
            #expect(result.passes(tolerance: 1e-6), "\(activationName), seed \(seed): \(result)")
        }
    }

    @Test("the second derivative of x^3 is 6x, the third is 6")
    func thirdOrder() {
        let x = Variable(parameter: Tensor([0.5, -2, 3]))
        let d1 = gradients(of: x.pow(3).sum(), wrt: [x], createGraph: true)[0]
        let d2 = gradients(of: d1.sum(), wrt: [x], createGraph: true)[0]
        let d3 = gradients(of: d2.sum(), wrt: [x])[0]
        #expect(d1.value.isApproximatelyEqual(to: Tensor([0.75, 12, 27])))
        #expect(d2.value.isApproximatelyEqual(to: Tensor([3, -12, 18])))
        #expect(d3.value.isApproximatelyEqual(to: Tensor([6, 6, 6])))
    }

    @Test("without createGraph the returned gradient is a constant")
    func firstOrderGradientsAreConstants() {
        let x = Variable(parameter: Tensor([1, 2]))
        let g = gradients(of: x.pow(3).sum(), wrt: [x])[0]
        #expect(!g.requiresGradient)
        let h = gradients(of: x.pow(3).sum(), wrt: [x], createGraph: true)[0]
        #expect(h.requiresGradient)
    }
}
