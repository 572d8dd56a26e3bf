import Testing
import Autodiff
import NeuralNet
@testable import EquilibriumControl

@Suite("The R1 and R2 zero-centred gradient penalties")
struct ZeroCenteredPenaltyTests {
    @Test("L_D with the penalty passes a gradient check in the critic's parameters (second order: the penalty holds a backward pass); L_G in fakes and parameters",
          arguments: 0..<12)
    func objectiveChecks(seed: Int) {
        for target in ZeroCenteredPenaltyGAN.Target.allCases {
            let objective = ZeroCenteredPenaltyGAN(gamma: 1.7, target: target)
            let (d, g) = GradientCheck.checkObjective(objective, seed: UInt64(seed))
            #expect(d.passes(), "seed \(seed), \(objective.name), L_D: \(d)")
            #expect(g.passes(), "seed \(seed), \(objective.name), L_G: \(g)")
        }
    }

    @Test("the penalty alone, as a function of the critic's weights, passes a first-order check of a function built on gradients(createGraph: true)",
          arguments: 0..<10)
    func penaltyWeightGradient(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let critic = MLP(widths: [2, 6, 5, 1], activation: .tanh, using: &rng)
        let points = Tensor.randomNormal([7, 2], using: &rng)
        let r1 = ZeroCenteredPenaltyGAN(gamma: 0.8)
        let result = GradientCheck.check({ r1.penalty(discriminator: critic, at: points) }, wrt: critic.parameters)
        #expect(result.passes(), "seed \(seed): \(result)")
    }

    @Test("Hessian-vector products of the penalty (a function of the samples) match differences of its gradient",
          arguments: 0..<10)
    func penaltySecondOrder(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let critic = MLP(widths: [2, 5, 1], activation: .tanh, using: &rng)
        let points = Tensor.randomNormal([4, 2], using: &rng)
        // R(x) = gamma/2 mean_i ||grad D(x_i)||^2 written with the engine's gradient, then differentiated twice.
        let result = GradientCheck.checkSecondOrder({ xs in
            let g = gradients(of: critic(xs[0], training: true).sum(), wrt: [xs[0]], createGraph: true)[0]
            return g.square().sum(alongAxes: [1]).mean() * 0.5
        }, at: [points], seed: UInt64(seed))
        #expect(result.passes(), "seed \(seed): \(result)")
    }

    @Test("known value: for a linear critic D(x) = w.x + b the penalty is gamma/2 ||w||^2, on any samples", arguments: 0..<10)
    func linearCritic(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let critic = Linear(3, 1, using: &rng)
        let gamma = 0.1 + 5 * rng.nextUniform()
        let penalty = ZeroCenteredPenaltyGAN(gamma: gamma).penalty(discriminator: critic, at: Tensor.randomNormal([9, 3], using: &rng))
        let w = critic.weight.value.scalars
        let expected = gamma / 2 * w.map { $0 * $0 }.reduce(0, +)
        #expect(Swift.abs(penalty.scalar - expected) <= 1e-12 * Swift.max(1, expected), "seed \(seed)")
    }

    @Test("R1 penalises on the real batch, R2 on the fake one")
    func target() {
        var rng = SeededGenerator(seed: 4)
        let critic = MLP(widths: [2, 6, 1], activation: .tanh, using: &rng)
        let real = Variable(Tensor.randomNormal([5, 2], using: &rng))
        let fake = Variable(Tensor.randomNormal([5, 2], using: &rng) + 3)
        for objective in [ZeroCenteredPenaltyGAN(target: .real), ZeroCenteredPenaltyGAN(target: .fake)] {
            let terms = objective.discriminatorLoss(discriminator: critic, real: real, fake: fake, using: &rng)
            let onReal = objective.penalty(discriminator: critic, at: real.value).scalar
            let onFake = objective.penalty(discriminator: critic, at: fake.value).scalar
            #expect(terms.figures["penalty"] == (objective.target == .real ? onReal : onFake))
            #expect(onReal != onFake)
        }
    }
}
