import Autodiff
import NeuralNet
import Training

/// One player of a game in the small training loops of this note: the parameters it owns and
/// the optimizer that moves them. The shared trainer (`GANTrainer`) is unconditional; conditional,
/// encoder and translation models have more than two networks and losses that mix them, so each
/// writes its own loop from these.
final class Player {
    let parameters: [Variable]
    let optimizer: any Optimizer
    let name: String

    init(_ name: String, _ parameters: [Variable], _ config: OptimizerConfig) {
        self.name = name
        self.parameters = parameters
        optimizer = config.make(for: parameters)
    }

    /// One optimizer step down `loss`'s gradient with respect to this player's parameters only.
    ///
    /// - Throws: `TrainingError.nonFinite` if the loss or its gradient is NaN or infinite, naming
    ///   the player and the step, before anything is changed.
    func update(_ loss: Variable, step: Int) throws {
        let value = loss.scalar
        guard value.isFinite else { throw TrainingError.nonFinite(step: step, quantity: "\(name) loss", value: value) }
        let grads = gradients(of: loss, wrt: parameters).map(\.value)
        let squared = Tensor.squaredNorm(of: grads)
        guard squared.isFinite else { throw TrainingError.nonFinite(step: step, quantity: "\(name) gradient", value: squared) }
        optimizer.step(grads)
    }
}

/// The two optimizers of a generator and a discriminator, one `Player` each, with a model's settings.
struct Players {
    let generator: Player
    let discriminator: Player

    init(generator: [Variable], discriminator: [Variable], settings: ModelSettings) {
        self.generator = Player("generator", generator, settings.optimizer)
        self.discriminator = Player("discriminator", discriminator, settings.optimizer)
    }
}

/// The settings shared by the small models of this note (conditional, encoder, translation):
/// networks, optimizer and budget. Each model's doc comment names its paper's values; these
/// defaults are the toy values used throughout the project (Adam 1e-3 with `beta1 = 0.5`).
public struct ModelSettings: Codable, Sendable, Hashable {
    public var steps: Int
    public var batchSize: Int
    /// Hidden width and number of hidden layers of every network.
    public var width: Int
    public var depth: Int
    /// Dimension of the Gaussian noise `z` (codes and labels come on top).
    public var noiseDimension: Int
    public var learningRate: Double
    public var beta1: Double
    /// The hidden activation of every network (ReLU; the gradient-check tests use tanh, which has no kinks).
    public var activation: ActivationKind
    public var seed: UInt64

    public init(steps: Int = 2000, batchSize: Int = 128, width: Int = 64, depth: Int = 3, noiseDimension: Int = 2,
                learningRate: Double = 1e-3, beta1: Double = 0.5, activation: ActivationKind = .relu, seed: UInt64 = 1) {
        self.steps = steps; self.batchSize = batchSize; self.width = width; self.depth = depth
        self.noiseDimension = noiseDimension; self.learningRate = learningRate; self.beta1 = beta1
        self.activation = activation; self.seed = seed
    }

    var hidden: [Int] { Array(repeating: width, count: depth) }
    var optimizer: OptimizerConfig { .adam(learningRate, beta1: beta1) }

    /// An MLP from `input` to `output` units through these settings' hidden layers and activation.
    func network(_ input: Int, _ output: Int, using rng: inout SeededGenerator) -> MLP {
        MLP(widths: [input] + hidden + [output], activation: activation, using: &rng)
    }

    /// The first impossible setting as a sentence, or `nil`.
    public func problem() -> String? {
        if steps < 1 { return "steps must be at least 1, got \(steps)" }
        if batchSize < 2 { return "batch size must be at least 2, got \(batchSize)" }
        if width < 1 || depth < 1 { return "width and depth must be at least 1, got \(width) and \(depth)" }
        if noiseDimension < 1 { return "noise dimension must be at least 1, got \(noiseDimension)" }
        if !(learningRate > 0) || !learningRate.isFinite { return "the learning rate must be a positive number, got \(learningRate)" }
        if !(0..<1).contains(beta1) { return "beta1 must lie in [0, 1), got \(beta1)" }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case steps, batchSize = "batch_size", width, depth, noiseDimension = "noise_dimension"
        case learningRate = "lr", beta1, activation, seed
    }
}

/// The random streams of one run, split from its seed so that drawing more of one never shifts another.
struct Streams {
    var initialization: SeededGenerator
    var data: SeededGenerator
    var noise: SeededGenerator
    var evaluation: SeededGenerator

    init(seed: UInt64) {
        var root = SeededGenerator(seed: seed)
        initialization = root.split(); data = root.split(); noise = root.split(); evaluation = root.split()
    }
}

/// `count` labels drawn uniformly from `0..<classes`.
func uniformLabels(_ count: Int, classes: Int, using rng: inout SeededGenerator) -> [Int] {
    (0..<count).map { _ in rng.nextInt(below: classes) }
}

/// `[count, dimension]` standard Gaussian noise as a constant.
func gaussianNoise(_ count: Int, _ dimension: Int, using rng: inout SeededGenerator) -> Variable {
    Variable(Tensor.randomNormal([count, dimension], using: &rng))
}
