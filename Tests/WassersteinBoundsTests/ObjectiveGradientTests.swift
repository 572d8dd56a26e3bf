import Testing
import Autodiff
import NeuralNet
import Training
@testable import WassersteinBounds

// Every loss against central differences (first order), and the two penalties, which contain a
// gradient, differentiated with respect to the critic's parameters (second order: the analytic
// side differentiates a recorded backward pass).

@Suite("Wasserstein losses match central differences")
struct ObjectiveGradientTests {
    static let objectives: [@Sendable () -> any GANObjective] = [
        { WGAN() }, { WGANGP() }, { WGANGP.toy() }, { WGANDiv() }, { WGANDiv(k: 0.5, p: 3) },
    ]

    @Test("critic and generator losses of every objective, first order", arguments: 0..<20)
    func objectiveLosses(seed: UInt64) {
        for make in Self.objectives {
            let objective = make()
            let (d, g) = GradientCheck.checkObjective(objective, seed: seed)
            #expect(d.passes(), "\(objective.name) critic loss, seed \(seed): \(d)")
            #expect(g.passes(), "\(objective.name) generator loss, seed \(seed): \(g)")
        }
    }

    @Test("the gradient penalty with respect to the critic's parameters (second order)", arguments: 0..<20)
    func gradientPenaltySecondOrder(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = smoothCritic(using: &rng)
        let real = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let fake = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let streamSeed = rng.next()
        let result = GradientCheck.check({
            var stream = SeededGenerator(seed: streamSeed)
            return gradientPenalty(critic: critic, real: real, fake: fake, using: &stream).penalty
        }, wrt: critic.parameters)
        #expect(result.passes(), "seed \(seed): \(result)")
        // The penalty depends on the parameters: a check of a constant would pass vacuously.
        #expect(result.entriesChecked == critic.parameterCount)
        #expect(criticHasNonzeroPenaltyGradient(critic, real, fake, streamSeed), "seed \(seed): the penalty's gradient is identically zero")
    }

    @Test("WGAN-div's term k E||grad f||^p with respect to the critic's parameters (second order)", arguments: 0..<20)
    func divergenceTermSecondOrder(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = smoothCritic(using: &rng)
        let real = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let fake = Variable(Tensor.randomNormal([6, 2], using: &rng))
        let streamSeed = rng.next()
        for p in [2.0, 6.0] {
            let result = GradientCheck.check({
                var stream = SeededGenerator(seed: streamSeed)
                return divergencePenalty(critic: critic, real: real, fake: fake, power: p, using: &stream).penalty
            }, wrt: critic.parameters)
            #expect(result.passes(), "p = \(p), seed \(seed): \(result)")
        }
    }

    @Test("the penalties with respect to the real and generated points they interpolate", arguments: 0..<10)
    func penaltiesWithRespectToPoints(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = smoothCritic(using: &rng)
        let points = [Tensor.randomNormal([5, 2], using: &rng), Tensor.randomNormal([5, 2], using: &rng)]
        let streamSeed = rng.next()
        let gp = GradientCheck.check({ xs in
            var stream = SeededGenerator(seed: streamSeed)
            return gradientPenalty(critic: critic, real: xs[0], fake: xs[1], using: &stream).penalty
        }, at: points)
        let div = GradientCheck.check({ xs in
            var stream = SeededGenerator(seed: streamSeed)
            return divergencePenalty(critic: critic, real: xs[0], fake: xs[1], power: 6, using: &stream).penalty
        }, at: points)
        #expect(gp.passes(), "gradient penalty, seed \(seed): \(gp)")
        #expect(div.passes(), "divergence term, seed \(seed): \(div)")
    }

    @Test("Hessian-vector products of the gradient penalty in the critic's weights (third order)", arguments: 0..<5)
    func penaltyHessianVectorProducts(seed: UInt64) {
        // A critic written as a function of its weights, so the weights are fresh variables.
        var rng = SeededGenerator(seed: seed)
        let real = Variable(Tensor.randomNormal([4, 2], using: &rng))
        let fake = Variable(Tensor.randomNormal([4, 2], using: &rng))
        let weights = [Tensor.randomNormal([2, 3], using: &rng), Tensor.randomNormal([3], using: &rng),
                       Tensor.randomNormal([3, 1], using: &rng)]
        let streamSeed = rng.next()
        let result = GradientCheck.checkSecondOrder({ w in
            let critic = FunctionalCritic(w1: w[0], b1: w[1], w2: w[2])
            var stream = SeededGenerator(seed: streamSeed)
            return gradientPenalty(critic: critic, real: real, fake: fake, using: &stream).penalty
        }, at: weights, seed: seed)
        #expect(result.passes(), "seed \(seed): \(result)")
    }
}

/// `tanh(x W1 + b1) W2` with the weights given as variables (a critic as a function of its weights).
final class FunctionalCritic: Layer {
    let w1: Variable, b1: Variable, w2: Variable
    init(w1: Variable, b1: Variable, w2: Variable) { self.w1 = w1; self.b1 = b1; self.w2 = w2 }
    var parameters: [Variable] { [w1, b1, w2] }
    func callAsFunction(_ input: Variable, training: Bool) -> Variable { matmul((matmul(input, w1) + b1).tanh(), w2) }
}

/// Whether some parameter gets a non-zero penalty gradient (guards against a vacuous check).
func criticHasNonzeroPenaltyGradient(_ critic: any Layer, _ real: Variable, _ fake: Variable, _ seed: UInt64) -> Bool {
    var stream = SeededGenerator(seed: seed)
    let p = gradientPenalty(critic: critic, real: real, fake: fake, using: &stream).penalty
    return gradients(of: p, wrt: critic.parameters).contains { $0.value.abs().sum().scalar > 0 }
}
