import Autodiff
import NeuralNet
import Training

/// Any GAN objective, with a minibatch-stddev layer in its discriminator.
///
/// The losses, optimizer settings and step hooks are the base objective's; only the network
/// changes. ProGAN puts the layer at the start of the last (4x4) block of its discriminator,
/// just before the final convolution and dense layers (`D_paper` in the official `networks.py`);
/// the MLP analogue is just before the last linear layer:
///
/// ```
/// x -> Linear -> act -> ... -> Linear -> act -> [append s] -> Linear(h + 1, 1)
/// ```
///
/// where `s` is the group's mean standard deviation (`MinibatchStdDev`). The discriminator sees
/// real and generated batches separately, so `s` of a generated batch measures the generator's
/// variety, and a generator that has collapsed onto a few points gives a small `s` that D can use.
///
/// The base's discriminator must be a network from the data to one score per sample (the default
/// `makeDiscriminator`); `supports(_:)` checks that. An autoencoder critic (BEGAN) does not qualify.
public final class WithMinibatchStdDev: GANObjective {
    public let base: any GANObjective
    /// The layer's group size; ProGAN's 4.
    public let groupSize: Int
    /// Hidden layers of D after the feature (`MinibatchStdDevMLP`): 0 puts it just before the
    /// output layer; ProGAN's has layers after it, so 1 is the closer MLP analogue.
    public let layersAfter: Int

    public init(_ base: any GANObjective, groupSize: Int = 4, layersAfter: Int = 0) {
        precondition(groupSize >= 1, "WithMinibatchStdDev: group size must be at least 1, got \(groupSize)")
        precondition(layersAfter >= 0, "WithMinibatchStdDev: layersAfter must be at least 0, got \(layersAfter)")
        self.base = base; self.groupSize = groupSize; self.layersAfter = layersAfter
    }

    /// Whether `base` scores samples with one number each, so that the MLP discriminator this
    /// wrapper builds can stand in for its own: its discriminator is an `MLP` from the data's
    /// dimension to one output. Decided from the network's structure, never by running it, so a
    /// discriminator that expects other inputs (PacGAN's packed samples) is refused, not trapped on.
    public static func supports(_ base: any GANObjective) -> Bool {
        var rng = SeededGenerator(seed: 0)
        let d = base.makeDiscriminator(inputDimension: 2, hidden: [3], activation: .relu, using: &rng)
        guard let mlp = d as? MLP else { return false }
        return mlp.widths.first == 2 && mlp.widths.last == 1
    }

    public var name: String { base.name + "-mbstd" }
    public var summary: String { "\(base.name) with a minibatch-stddev feature before D's last layer (Karras et al. 2018)" }
    public var recommendedSettings: ObjectiveSettings { base.recommendedSettings }

    public func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                                  initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        MinibatchStdDevMLP(widths: [inputDimension] + hidden + [1], activation: activation, groupSize: groupSize,
                           layersAfter: Swift.min(layersAfter, hidden.count - 1), initialization: initialization, using: &rng)
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        base.discriminatorLoss(discriminator: discriminator, real: real, fake: fake, using: &rng)
    }
    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        base.generatorLoss(discriminator: discriminator, real: real, fake: fake)
    }
    public func afterDiscriminatorStep(discriminator: any Layer) { base.afterDiscriminatorStep(discriminator: discriminator) }
    public func afterGeneratorStep(discriminatorTerms: LossTerms, generatorTerms: LossTerms) {
        base.afterGeneratorStep(discriminatorTerms: discriminatorTerms, generatorTerms: generatorTerms)
    }
    public var state: [String: Double] {
        get { base.state }
        set { base.state = newValue }
    }
    public func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor {
        base.criticValue(discriminator: discriminator, at: points)
    }
}

/// An MLP discriminator with a minibatch-stddev feature appended after one of its hidden layers:
/// `Linear -> act` for each hidden width up to that point, then `MinibatchStdDev`, then the
/// remaining `Linear -> act` layers (the first one's fan-in one larger), then the output `Linear`.
/// With `layersAfter = 0` (the default) the feature goes just before the output layer:
///
/// ```
/// layersAfter = 0:  x -> [Linear -> act] x k -> [append s] -> Linear(h + 1, out)
/// layersAfter = 1:  x -> [Linear -> act] x (k-1) -> [append s] -> Linear(h + 1, h) -> act -> Linear(h, out)
/// ```
///
/// ProGAN's `D_paper` puts the layer at the start of its last block, so a 3x3 convolution, a 4x4
/// one and the dense output follow it and can combine `s` with the features non-linearly;
/// `layersAfter >= 1` is the MLP analogue of that. Initialised like `MLP` (He, with gain 1 on the
/// output layer); with `layersAfter = 0` the weights are drawn in the same order as before this
/// option existed.
///
/// - Input: `[N, widths.first]`. Output: `[N, widths.last]`.
public final class MinibatchStdDevMLP: Layer {
    public let widths: [Int]
    /// The hidden layers before the feature, the hidden layers after it, and the output layer.
    public let hidden: Sequential
    public let afterFeature: Sequential
    public let stddev: MinibatchStdDev
    public let output: Linear

    public init(widths: [Int], activation: ActivationKind = .relu, groupSize: Int = 4, layersAfter: Int = 0,
                initialization: Initialization = .he(), using rng: inout some RandomNumberGenerator) {
        precondition(widths.count >= 3 && widths.allSatisfy { $0 > 0 },
                     "MinibatchStdDevMLP: widths must list an input size, at least one hidden width and an output size, all positive; got \(widths)")
        precondition(layersAfter >= 0 && layersAfter < widths.count - 2,
                     "MinibatchStdDevMLP: layersAfter must be in 0..<\(widths.count - 2) (the hidden layers), got \(layersAfter)")
        self.widths = widths
        let split = widths.count - 2 - layersAfter                          // hidden layers before the feature
        func block(_ range: Range<Int>, extraInput: Bool) -> Sequential {
            Sequential(range.flatMap { i -> [any Layer] in
                [Linear(widths[i] + (extraInput && i == range.lowerBound ? 1 : 0), widths[i + 1],
                        initialization: initialization, using: &rng),
                 Activation(activation)]
            })
        }
        hidden = block(0..<split, extraInput: false)
        afterFeature = block(split..<(widths.count - 2), extraInput: true)
        // The output layer of a ReLU net keeps the He scale without the ReLU gain (as in MLP).
        let outputInit: Initialization = if case .he = initialization { .he(gain: 1) } else { initialization }
        stddev = MinibatchStdDev(groupSize: groupSize)
        output = Linear(widths[widths.count - 2] + (layersAfter == 0 ? 1 : 0), widths.last!, initialization: outputInit, using: &rng)
    }

    public var parameters: [Variable] { hidden.parameters + afterFeature.parameters + output.parameters }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        precondition(input.rank == 2 && input.shape[1] == widths[0],
                     "MinibatchStdDevMLP: expected input [N, \(widths[0])], got \(input.shape)")
        let h = hidden(input, training: training)              // [N, h]
        let withStd = stddev(h, training: training)            // [N, h + 1]
        let rest = afterFeature(withStd, training: training)   // [N, h + 1], or [N, h] after more layers
        return output(rest)                                    // [N, out]
    }
}
