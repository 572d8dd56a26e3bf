import Autodiff

/// Layers applied one after another.
public final class Sequential: Layer {
    public let layers: [any Layer]
    public init(_ layers: [any Layer]) { self.layers = layers }

    public var parameters: [Variable] { layers.flatMap(\.parameters) }
    public var buffers: [Tensor] {
        get { layers.flatMap(\.buffers) }
        set {
            var rest = newValue[...]
            for layer in layers {
                let n = layer.buffers.count
                layer.buffers = Array(rest.prefix(n))
                rest = rest.dropFirst(n)
            }
            precondition(rest.isEmpty, "Sequential: \(rest.count) buffers left over")
        }
    }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        layers.reduce(input) { x, layer in layer(x, training: training) }
    }
}

/// A multilayer perceptron: `Linear -> [BatchNorm] -> activation` for each hidden width, then a
/// final `Linear` (and an optional output activation).
///
/// ```
/// var rng = SeededGenerator(seed: 1)
/// let d = MLP(widths: [2, 128, 128, 128, 1], activation: .relu, using: &rng)  // the toy critic
/// d.parameterCount   // 2*128+128 + 2*(128*128+128) + 128+1 = 33_409
/// ```
public final class MLP: Layer {
    public let widths: [Int]
    public let body: Sequential

    /// - Parameters:
    ///   - widths: input size, hidden widths, output size; at least two entries.
    ///   - activation: between hidden layers.
    ///   - outputActivation: after the last layer (`nil` for logits or critic values).
    ///   - batchNorm: insert BatchNorm after each hidden Linear, before its activation. (Note 004's
    ///     Keras generator puts it after the activation, with Keras momentum 0.8 = PyTorch 0.2 and
    ///     epsilon 1e-3; this layer keeps PyTorch's defaults.)
    ///   - batchNormEpsilon: its epsilon; PyTorch's 1e-5 by default.
    public init(widths: [Int], activation: ActivationKind = .relu, outputActivation: ActivationKind? = nil,
                batchNorm: Bool = false, batchNormEpsilon: Double = 1e-5,
                initialization: Initialization = .he(), using rng: inout some RandomNumberGenerator) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 },
                     "MLP: widths must list at least an input and an output size, all positive; got \(widths)")
        self.widths = widths
        var layers: [any Layer] = []
        for i in 0..<(widths.count - 1) {
            let last = i == widths.count - 2
            // The output layer of a ReLU net keeps the He scale without the ReLU gain.
            let initForLayer: Initialization = if case .he = initialization, last { .he(gain: 1) } else { initialization }
            layers.append(Linear(widths[i], widths[i + 1], initialization: initForLayer, using: &rng))
            if !last {
                if batchNorm { layers.append(BatchNorm(features: widths[i + 1], epsilon: batchNormEpsilon)) }
                layers.append(Activation(activation))
            }
        }
        if let outputActivation { layers.append(Activation(outputActivation)) }
        body = Sequential(layers)
    }

    public var parameters: [Variable] { body.parameters }
    public var buffers: [Tensor] {
        get { body.buffers }
        set { body.buffers = newValue }
    }
    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        precondition(input.rank == 2 && input.shape[1] == widths[0],
                     "MLP: expected input [N, \(widths[0])], got \(input.shape)")
        return body(input, training: training)
    }
}

/// The `Linear` layers of a network, in order (through `MLP` and `Sequential`).
public func linearLayers(of network: any Layer) -> [Linear] {
    switch network {
    case let linear as Linear: [linear]
    case let mlp as MLP: linearLayers(of: mlp.body)
    case let sequential as Sequential: sequential.layers.flatMap(linearLayers(of:))
    default: []
    }
}
