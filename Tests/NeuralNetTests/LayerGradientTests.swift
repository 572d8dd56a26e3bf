import Foundation
import Testing
import Autodiff
@testable import NeuralNet

/// The layers under test, built fresh for each seed.
enum LayerCase: String, CaseIterable, Sendable {
    case linearHe = "linear he", linearXavier = "linear xavier", linearNormal = "linear normal"
    case linearPyTorch = "linear pytorch", linearNoBias = "linear no bias"
    case relu, leakyRelu = "leaky-relu", elu, tanh, sigmoid, softplus
    case batchNormTraining = "batchnorm training", batchNormEvaluation = "batchnorm evaluation"
    case mlpTanh = "mlp tanh", mlpReluBatchNorm = "mlp relu batchnorm"

    func make(using rng: inout SeededGenerator) -> any Layer {
        switch self {
        case .linearHe: Linear(3, 4, initialization: .he(), using: &rng)
        case .linearXavier: Linear(3, 4, initialization: .xavier, using: &rng)
        case .linearNormal: Linear(3, 4, initialization: .normal(std: 0.5), using: &rng)
        case .linearPyTorch: Linear(3, 4, initialization: .pytorchDefault, using: &rng)
        case .linearNoBias: Linear(3, 4, bias: false, using: &rng)
        case .batchNormTraining, .batchNormEvaluation:
            { let bn = BatchNorm(features: 3)
              bn.gamma.assign(Tensor.randomNormal([3], using: &rng)); bn.beta.assign(Tensor.randomNormal([3], using: &rng))
              bn.buffers = [Tensor([0.3, -0.2, 0.1]), Tensor([0.5, 2, 1.5])]
              return bn }()
        case .mlpTanh: MLP(widths: [3, 5, 5, 2], activation: .tanh, using: &rng)
        case .mlpReluBatchNorm: MLP(widths: [3, 5, 2], activation: .relu, batchNorm: true, using: &rng)
        default: Activation(ActivationKind(name: rawValue)!)
        }
    }
    var training: Bool { self != .batchNormEvaluation }
}

@Suite("Gradient checks of every layer")
struct LayerGradientTests {
    @Test("input and parameter gradients agree with central differences within 1e-6 over 20 seeds",
          arguments: LayerCase.allCases)
    func layerGradients(_ layerCase: LayerCase) {
        for seed in UInt64(0)..<20 {
            var rng = SeededGenerator(seed: seed)
            let layer = layerCase.make(using: &rng)
            // Inputs with |x| >= 0.1 keep relu-type kinks out of the finite-difference step.
            let x = Variable(parameter: Tensor.randomUniform([6, 3], low: 0.1, high: 2, using: &rng)
                .map { $0 * (rng.nextUniform() < 0.5 ? -1 : 1) })
            let buffers = layer.buffers
            let outShape = withoutGradients { layer(x, training: false).shape }
            let w = Tensor.randomNormal(outShape, using: &rng)
            let r = GradientCheck.check({
                layer.buffers = buffers   // running statistics must not drift between evaluations
                return (layer(x, training: layerCase.training) * w).sum()
            }, wrt: [x] + layer.parameters)
            #expect(r.passes(tolerance: 1e-6), "\(layerCase.rawValue) seed \(seed): \(r)")
            #expect(r.entriesChecked == 18 + layer.parameterCount)
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
