import Foundation
import Testing
import Autodiff
@testable import NeuralNet

@Suite("Gradient checks of every layer")
struct LayerGradientTests {
    @Test("input and parameter gradients agree with central differences within 1e-6 over 20 seeds",
          arguments: LayerCheckCase.all)
    func layerGradients(_ layerCase: LayerCheckCase) {
        for seed in UInt64(0)..<20 {
            let r = layerCase.check(seed: seed)
            #expect(r.passes(tolerance: 1e-6), "\(layerCase.name) seed \(seed): \(r)")
            // The [6, 3] input has 18 entries; every layer but an activation adds its parameters.
            let isActivation = layerCase.name.hasPrefix("Activation")
            #expect(isActivation ? r.entriesChecked == 18 : r.entriesChecked > 18, "\(layerCase.name): \(r.entriesChecked) entries")
        }
    }

    @Test("the gradient penalty of an MLP critic, differentiated with respect to its parameters", arguments: UInt64(0)..<20)
    func gradientPenaltySecondOrder(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let critic = MLP(widths: [2, 6, 6, 1], activation: .tanh, using: &rng)
        let points = Tensor.randomNormal([4, 2], using: &rng)
        let r = GradientCheck.check({
            let x = Variable(parameter: points)
            let g = gradients(of: critic(x, training: true).sum(), wrt: [x], createGraph: true)[0]   // [4, 2]
            return ((g.square().sum(alongAxes: [1]) + 1e-12).sqrt() - 1).square().mean()
        }, wrt: critic.parameters)
        #expect(r.passes(tolerance: 1e-6), "seed \(seed): \(r)")
    }
}
