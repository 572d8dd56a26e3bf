import Autodiff
import NeuralNet

/// An MLP trunk with several linear heads on its last hidden layer: a discriminator that also
/// classifies (ACGAN's auxiliary classifier, InfoGAN's Q network sharing D's body).
///
/// ```
/// h       = trunk(x)                  Linear -> activation for each hidden width
/// head_k  = h W_k + b_k               one Linear per head, [N, outputs_k]
/// output  = [head_1 | head_2 | ...]   as a Layer: the heads side by side
/// ```
public final class HeadedNetwork: Layer {
    public let trunk: Sequential
    public let heads: [Linear]

    /// - Parameters:
    ///   - input: input width.
    ///   - hidden: hidden widths of the trunk (at least one).
    ///   - headSizes: output width of each head.
    public init(input: Int, hidden: [Int], headSizes: [Int], activation: ActivationKind, using rng: inout SeededGenerator) {
        precondition(!hidden.isEmpty && !headSizes.isEmpty, "HeadedNetwork: needs at least one hidden layer and one head")
        var layers: [any Layer] = []
        var width = input
        for h in hidden {
            layers.append(Linear(width, h, using: &rng))
            layers.append(Activation(activation))
            width = h
        }
        trunk = Sequential(layers)
        heads = headSizes.map { Linear(width, $0, initialization: .he(gain: 1), using: &rng) }
    }

    public var parameters: [Variable] { trunk.parameters + heads.flatMap(\.parameters) }

    /// Each head's output, in order.
    public func outputs(_ input: Variable, training: Bool) -> [Variable] {
        let h = trunk(input, training: training)                        // [N, hidden.last]
        return heads.map { $0(h) }                                      // [N, outputs_k] each
    }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        Variable.concatenate(outputs(input, training: training), alongAxis: 1)
    }
}
