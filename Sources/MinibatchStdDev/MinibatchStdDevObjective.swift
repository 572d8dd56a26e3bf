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

    public init(_ base: any GANObjective, groupSize: Int = 4) {
        precondition(groupSize >= 1, "WithMinibatchStdDev: group size must be at least 1, got \(groupSize)")
        self.base = base; self.groupSize = groupSize
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
                           initialization: initialization, using: &rng)
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

/// An MLP discriminator with a minibatch-stddev feature appended before its output layer:
/// `Linear -> act` for each hidden width, then `MinibatchStdDev`, then `Linear(last + 1, out)`.
/// Initialised like `MLP` (He, with gain 1 on the output layer).
///
/// - Input: `[N, widths.first]`. Output: `[N, widths.last]`.
public final class MinibatchStdDevMLP: Layer {
    public let widths: [Int]
    public let hidden: Sequential
    public let stddev: MinibatchStdDev
    public let output: Linear

    public init(widths: [Int], activation: ActivationKind = .relu, groupSize: Int = 4,
                initialization: Initialization = .he(), using rng: inout some RandomNumberGenerator) {
        precondition(widths.count >= 3 && widths.allSatisfy { $0 > 0 },
                     "MinibatchStdDevMLP: widths must list an input size, at least one hidden width and an output size, all positive; got \(widths)")
        self.widths = widths
        var layers: [any Layer] = []
        for i in 0..<(widths.count - 2) {
            layers.append(Linear(widths[i], widths[i + 1], initialization: initialization, using: &rng))
            layers.append(Activation(activation))
        }
        hidden = Sequential(layers)
        // The output layer of a ReLU net keeps the He scale without the ReLU gain (as in MLP).
        let outputInit: Initialization = if case .he = initialization { .he(gain: 1) } else { initialization }
        stddev = MinibatchStdDev(groupSize: groupSize)
        output = Linear(widths[widths.count - 2] + 1, widths.last!, initialization: outputInit, using: &rng)
    }

    public var parameters: [Variable] { hidden.parameters + output.parameters }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        precondition(input.rank == 2 && input.shape[1] == widths[0],
                     "MinibatchStdDevMLP: expected input [N, \(widths[0])], got \(input.shape)")
        let h = hidden(input, training: training)              // [N, h]
        let withStd = stddev(h, training: training)            // [N, h + 1]
        return output(withStd)                                 // [N, out]
    }
}
