import Autodiff
import NeuralNet

/// Which optimizer, with which hyperparameters. Unused fields are ignored by the other kinds.
public struct OptimizerConfig: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case sgd, rmsprop, adam }
    public var kind: Kind
    public var learningRate: Double
    /// Adam's `beta1` and `beta2`.
    public var beta1: Double, beta2: Double
    /// SGD's momentum.
    public var momentum: Double
    /// RMSProp's decay `alpha`.
    public var alpha: Double

    public static func adam(_ lr: Double, beta1: Double = 0.9, beta2: Double = 0.999) -> OptimizerConfig {
        OptimizerConfig(kind: .adam, learningRate: lr, beta1: beta1, beta2: beta2, momentum: 0, alpha: 0.99)
    }
    public static func rmsprop(_ lr: Double, alpha: Double = 0.99) -> OptimizerConfig {
        OptimizerConfig(kind: .rmsprop, learningRate: lr, beta1: 0.9, beta2: 0.999, momentum: 0, alpha: alpha)
    }
    public static func sgd(_ lr: Double, momentum: Double = 0) -> OptimizerConfig {
        OptimizerConfig(kind: .sgd, learningRate: lr, beta1: 0.9, beta2: 0.999, momentum: momentum, alpha: 0.99)
    }

    public func make(for parameters: [Variable]) -> any Optimizer {
        switch kind {
        case .sgd: SGD(parameters, learningRate: learningRate, momentum: momentum)
        case .rmsprop: RMSProp(parameters, learningRate: learningRate, alpha: alpha)
        case .adam: Adam(parameters, learningRate: learningRate, beta1: beta1, beta2: beta2)
        }
    }
}

/// Everything that determines a toy training run. Same configuration, same numbers.
public struct TrainingConfig: Codable, Sendable, Hashable {
    public var objective: String
    /// A toy distribution's name, or `csv:PATH`.
    public var data: String
    /// With `csv:PATH`, the columns used (header names or 1-based numbers); `nil` for the first two.
    public var dataColumns: [String]?
    /// With `csv:PATH`, a digest of the file's bytes when the run started (`CSVPoints.digest`):
    /// a resumed run checks it, so it never trains on a file that changed since. `nil` otherwise.
    public var dataDigest: String?
    /// With `csv:PATH`, the points' dimension (1 or 2), so a checkpoint can be sampled without
    /// its data file. `nil` otherwise.
    public var dataDimension: Int?
    /// Generator updates; each follows `nCritic` discriminator updates.
    public var steps: Int = 2000
    public var batchSize: Int = 256
    /// Dimension of the generator's Gaussian noise `z ~ N(0, I)`.
    public var noiseDimension: Int = 2
    /// Hidden width and number of hidden layers of both networks.
    public var width: Int = 128
    public var depth: Int = 3
    public var activation: ActivationKind = .relu
    /// BatchNorm after each hidden layer of the generator (note 004's generator has it).
    public var generatorBatchNorm: Bool = false
    /// How both networks' weights are drawn (`--init`); `nil` means He, the default, and is what a
    /// record written before this field existed reads as. At toy scale it moves results more than
    /// the loss does (issue 18: PyTorch's default reached 16.8 grid25 modes where He reached ~12).
    public var initialization: Initialization?
    /// A paper's exact networks (`NetworkArchitecture`); `nil`: MLPs of `width` x `depth`. The paper
    /// networks fix their own widths, activations, batch norm and initialisation.
    public var architecture: NetworkArchitecture?
    /// D's hidden layers as maxout units of this many pieces (Goodfellow et al. 2013), each
    /// `h_j = max_k (x W + b)_{j k}` over `pieces` affine maps, with no activation after it: the
    /// layer PacGAN's released discriminator uses (200 units of 5 pieces). `nil`: `Linear` then
    /// `activation`, as G. It isolates the one ingredient of PacGAN's networks the MLP options
    /// cannot express.
    public var discriminatorMaxout: Int?
    /// BatchNorm's epsilon (PyTorch's 1e-5; see docs/pitfalls.md for what 0.8 does).
    public var batchNormEpsilon: Double = 1e-5
    public var generatorOptimizer: OptimizerConfig
    public var discriminatorOptimizer: OptimizerConfig
    public var nCritic: Int = 1
    public var seed: UInt64 = 0
    /// Log losses every `logEvery` steps and sample-quality metrics every `metricsEvery` (0: only at the end).
    public var logEvery: Int = 100
    public var metricsEvery: Int = 500
    /// Generated samples for the final metrics (PacGAN and VEEGAN use 2500).
    public var evaluationSamples: Int = 2500
    /// Train one player while the other stays fixed (`nil`: both). Freezing the generator and
    /// training D towards optimality is the experiment behind the vanishing-gradient lesson.
    public var onlyTrain: Player?

    public enum Player: String, Codable, Sendable, CaseIterable {
        case discriminator = "d", generator = "g"
    }

    /// The objective's recommended settings, with every other field at its default.
    public init(objective: String, data: String, settings: ObjectiveSettings) {
        self.objective = objective; self.data = data
        generatorOptimizer = settings.generatorOptimizer
        discriminatorOptimizer = settings.discriminatorOptimizer
        nCritic = settings.nCritic
        batchSize = settings.batchSize
    }

    /// The largest sizes a run accepts, the same as `gan-notes train`'s options. They bound the
    /// memory a configuration can ask for (G and D at 16 x 4096 hold about 2 x 2 GB of weights
    /// and optimizer state) and keep every product of sizes inside `Int`, so a checkpoint that
    /// says `width: 1e9` or `batchSize: 2^62` is refused by name instead of trapping.
    public enum Limits {
        public static let steps = 10_000_000
        public static let batchSize = 65_536
        public static let width = 4096
        public static let depth = 16
        public static let noiseDimension = 1024
        public static let nCritic = 100
        public static let evaluationSamples = 100_000
        public static let learningRate = 1e6
    }

    /// The first impossible setting, as a sentence naming the field and what is accepted; `nil` if none.
    public func problem() -> String? {
        if let tooLarge = sizeProblem() { return tooLarge }
        if let d = dataDimension, !(1...2).contains(d) { return "data dimension must be 1 or 2, got \(d)" }
        if steps < 1 { return "steps must be at least 1, got \(steps)" }
        if batchSize < 2 { return "batch size must be at least 2, got \(batchSize)" }
        if noiseDimension < 1 { return "noise dimension must be at least 1, got \(noiseDimension)" }
        if width < 1 { return "width must be at least 1, got \(width)" }
        if depth < 1 { return "depth must be at least 1, got \(depth)" }
        if nCritic < 1 { return "n-critic must be at least 1, got \(nCritic)" }
        if logEvery < 1 { return "log interval must be at least 1, got \(logEvery)" }
        if metricsEvery < 0 { return "metrics interval must be 0 or more, got \(metricsEvery)" }
        if !(batchNormEpsilon > 0) || !batchNormEpsilon.isFinite { return "BatchNorm epsilon must be a positive number, got \(batchNormEpsilon)" }
        if case .normal(let sd)? = initialization, !(sd > 0) || !sd.isFinite {
            return "the initial weights' standard deviation must be a positive number, got \(sd)"
        }
        if let pieces = discriminatorMaxout {
            if !(2...16).contains(pieces) { return "maxout pieces must be 2 to 16, got \(pieces)" }
            if let architecture { return "the \(architecture.rawValue) networks fix their own discriminator; maxout applies to the MLPs" }
        }
        if let architecture, noiseDimension != architecture.noiseDimension {
            return "the \(architecture.rawValue) networks read noise of dimension \(architecture.noiseDimension), got \(noiseDimension)"
        }
        if evaluationSamples < 2 { return "evaluation samples must be at least 2, got \(evaluationSamples)" }
        for (name, o) in [("generator", generatorOptimizer), ("discriminator", discriminatorOptimizer)] {
            if !(o.learningRate > 0) || !o.learningRate.isFinite { return "the \(name) learning rate must be a positive number, got \(o.learningRate)" }
            if !(0..<1).contains(o.beta1) || !(0..<1).contains(o.beta2) { return "the \(name)'s Adam betas must lie in [0, 1), got \(o.beta1), \(o.beta2)" }
            if !(0..<1).contains(o.momentum) { return "the \(name)'s momentum must lie in [0, 1), got \(o.momentum)" }
            if !(0..<1).contains(o.alpha) { return "the \(name)'s RMSProp alpha must lie in [0, 1), got \(o.alpha)" }
            if o.learningRate > Limits.learningRate { return "the \(name) learning rate must be at most 1e6, got \(o.learningRate)" }
        }
        return nil
    }

    /// The first size above its limit (see ``Limits``), naming the field and the range.
    func sizeProblem() -> String? {
        let sizes: [(String, Int, Int)] = [
            ("steps", steps, Limits.steps), ("batch size", batchSize, Limits.batchSize),
            ("width", width, Limits.width), ("depth", depth, Limits.depth),
            ("noise dimension", noiseDimension, Limits.noiseDimension), ("n-critic", nCritic, Limits.nCritic),
            ("log interval", logEvery, Limits.steps), ("metrics interval", metricsEvery, Limits.steps),
            ("evaluation samples", evaluationSamples, Limits.evaluationSamples),
        ]
        for (name, value, limit) in sizes where value > limit {
            return "\(name) must be at most \(limit), got \(value)"
        }
        return nil
    }
}
