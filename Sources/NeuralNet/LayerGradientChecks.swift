import Autodiff

/// Gradient checks of the layers, with respect to the input and to the layer's own parameters
/// (nudged in place), at inputs kept at least 0.1 away from zero so that no ReLU-type kink falls
/// inside the finite-difference step. The test suite runs each over 20 seeds; `gan-notes gradcheck`
/// runs each over a few and prints the worst error.
public struct LayerCheckCase: Sendable, CustomStringConvertible {
    public let name: String
    /// Whether the layer runs in training mode (BatchNorm's batch statistics) or evaluation mode.
    public let training: Bool
    let make: @Sendable (inout SeededGenerator) -> any Layer
    public var description: String { name }

    /// Checks `sum(layer(x) * w)` for a `[6, 3]` input `x` and random `w`.
    public func check(seed: UInt64) -> GradientCheck.Result {
        var rng = SeededGenerator(seed: seed)
        let layer = make(&rng)
        let x = Variable(parameter: Tensor.randomUniform([6, 3], low: 0.1, high: 2, using: &rng)
            .map { $0 * (rng.nextUniform() < 0.5 ? -1 : 1) })
        let buffers = layer.buffers
        let outShape = withoutGradients { layer(x, training: false).shape }
        let w = Tensor.randomNormal(outShape, using: &rng)
        return GradientCheck.check({
            layer.buffers = buffers   // running statistics must not drift between evaluations
            return (layer(x, training: training) * w).sum()
        }, wrt: [x] + layer.parameters)
    }
}

extension LayerCheckCase {
    /// Every layer kind and initialisation.
    public static let all: [LayerCheckCase] = [
        LayerCheckCase(name: "Linear (He)", training: true) { Linear(3, 4, initialization: .he(), using: &$0) },
        LayerCheckCase(name: "Linear (Xavier)", training: true) { Linear(3, 4, initialization: .xavier, using: &$0) },
        LayerCheckCase(name: "Linear (normal)", training: true) { Linear(3, 4, initialization: .normal(std: 0.5), using: &$0) },
        LayerCheckCase(name: "Linear (PyTorch default)", training: true) { Linear(3, 4, initialization: .pytorchDefault, using: &$0) },
        LayerCheckCase(name: "Linear (no bias)", training: true) { Linear(3, 4, bias: false, using: &$0) },
    ] + ActivationKind.allCases.map { kind in
        LayerCheckCase(name: "Activation \(kind.name)", training: true) { _ in Activation(kind) }
    } + [
        LayerCheckCase(name: "BatchNorm (training)", training: true, make: randomBatchNorm),
        LayerCheckCase(name: "BatchNorm (evaluation)", training: false, make: randomBatchNorm),
        LayerCheckCase(name: "LinearMaxout (4 units x 3 pieces)", training: true) {
            LinearMaxout(3, 4, pieces: 3, initialization: .normal(std: 0.7), using: &$0)
        },
        LayerCheckCase(name: "MLP (tanh)", training: true) { MLP(widths: [3, 5, 5, 2], activation: .tanh, using: &$0) },
        LayerCheckCase(name: "MLP (relu, BatchNorm)", training: true) {
            MLP(widths: [3, 5, 2], activation: .relu, batchNorm: true, using: &$0)
        },
    ]

    private static func randomBatchNorm(_ rng: inout SeededGenerator) -> any Layer {
        let bn = BatchNorm(features: 3)
        bn.gamma.assign(Tensor.randomNormal([3], using: &rng))
        bn.beta.assign(Tensor.randomNormal([3], using: &rng))
        bn.buffers = [Tensor([0.3, -0.2, 0.1]), Tensor([0.5, 2, 1.5])]
        return bn
    }
}
