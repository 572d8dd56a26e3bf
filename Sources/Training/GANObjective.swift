import Autodiff
import NeuralNet

/// A GAN's objective: what the discriminator (or critic) minimises, what the generator minimises,
/// and what happens around each step (clipping, a controller update).
///
/// The trainer owns the networks, the optimizers and the loop; an objective only turns batches
/// into losses. Everything an objective needs to remember between steps (BEGAN's `k_t`) lives in
/// `state`, which checkpoints save, so a resumed run continues exactly.
///
/// To add an objective: conform a final class to this protocol in the module of its note, give it
/// the paper's settings in `recommendedSettings`, and register it in the CLI's objective catalogue.
public protocol GANObjective: AnyObject {
    /// The name used on the command line (`--objective NAME`).
    var name: String { get }
    /// One line for `gan-notes objectives`.
    var summary: String { get }
    /// The optimizers, `n_critic` and batch size of the source paper or its toy code.
    var recommendedSettings: ObjectiveSettings { get }

    /// The discriminator network, its weights drawn by `initialization`: by default an MLP from the
    /// data to one logit or critic value.
    func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                           initialization: Initialization, using rng: inout SeededGenerator) -> any Layer

    /// The discriminator's loss on a real batch and a (detached) fake batch, both `[N, d]`.
    /// `rng` is the objective's own stream (interpolation weights for a gradient penalty).
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                           using rng: inout SeededGenerator) -> LossTerms

    /// The generator's loss; `fake` is recorded through the generator, so gradients reach it.
    /// `real` is the last discriminator step's real batch (relativistic losses need it).
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms

    /// Runs after each discriminator update (WGAN clips the critic's weights here).
    func afterDiscriminatorStep(discriminator: any Layer)
    /// Runs after each generator update with both steps' loss terms (BEGAN updates `k_t` here).
    func afterGeneratorStep(discriminatorTerms: LossTerms, generatorTerms: LossTerms)

    /// Values that must survive a checkpoint.
    var state: [String: Double] { get set }

    /// A factor on both optimizers' configured learning rates, read before every update: the
    /// trainer steps with `config lr * learningRateScale`. 1 unless the objective schedules its
    /// learning rate (BEGAN halves it when its convergence measure stalls); keep whatever it
    /// depends on in `state`, so a resumed run continues with the same rate.
    var learningRateScale: Double { get }

    /// The quantity to draw as the critic's heat map at `points` ([N, d] -> [N]): the logit for a
    /// classifier, the critic value for WGAN; higher means "more real".
    func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor
}

extension GANObjective {
    public func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                                  initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        MLP(widths: [inputDimension] + hidden + [1], activation: activation, initialization: initialization, using: &rng)
    }
    /// The discriminator with He initialisation (the default everywhere).
    public func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                                  using rng: inout SeededGenerator) -> any Layer {
        makeDiscriminator(inputDimension: inputDimension, hidden: hidden, activation: activation,
                          initialization: .he(), using: &rng)
    }
    public func afterDiscriminatorStep(discriminator: any Layer) {}
    public func afterGeneratorStep(discriminatorTerms: LossTerms, generatorTerms: LossTerms) {}
    public var state: [String: Double] {
        get { [:] }
        set {}
    }
    public var learningRateScale: Double { 1 }
    public func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor {
        withoutGradients { discriminator(Variable(points), training: false).value.reshaped([-1]) }
    }
}

/// A loss to minimise and the figures worth logging beside it (a gradient penalty's size, a
/// Wasserstein estimate, `k_t`), by name.
public struct LossTerms {
    public var loss: Variable
    public var figures: [String: Double]
    public init(loss: Variable, figures: [String: Double] = [:]) { self.loss = loss; self.figures = figures }

    /// A discriminator's loss with its mean outputs on the real and the fake batch logged as
    /// `d_real` and `d_fake`: as probabilities `sigmoid(D)` when the outputs are logits, as they
    /// are otherwise (a critic's or a least-squares D's raw values).
    public init(loss: Variable, real: Variable, fake: Variable, outputsAreLogits: Bool, figures: [String: Double] = [:]) {
        func mean(_ v: Variable) -> Double { withoutGradients { (outputsAreLogits ? v.sigmoid() : v).mean().scalar } }
        self.init(loss: loss, figures: figures.merging(["d_real": mean(real), "d_fake": mean(fake)]) { a, _ in a })
    }
}

/// The original GAN's discriminator loss on logits (Goodfellow et al. 2014, the value function
/// negated): `L_D = -E log sigmoid(D(x)) - E log(1 - sigmoid(D(G(z))))`, written
/// `E softplus(-D(x)) + E softplus(D(G(z)))`, which stays finite where D is sure of itself.
/// Shared by every objective whose D is the standard GAN's (`gan`, `bgan`, `pacgan`, the
/// zero-centred penalties).
public func crossEntropyDiscriminatorLoss(realLogits: Variable, fakeLogits: Variable) -> Variable {
    (-realLogits).softplus().mean() + fakeLogits.softplus().mean()
}

/// The training settings an objective's source recommends.
public struct ObjectiveSettings: Sendable, Hashable {
    public var generatorOptimizer: OptimizerConfig
    public var discriminatorOptimizer: OptimizerConfig
    public var nCritic: Int
    public var batchSize: Int
    public init(generatorOptimizer: OptimizerConfig, discriminatorOptimizer: OptimizerConfig, nCritic: Int = 1, batchSize: Int = 256) {
        self.generatorOptimizer = generatorOptimizer; self.discriminatorOptimizer = discriminatorOptimizer
        self.nCritic = nCritic; self.batchSize = batchSize
    }

    /// The toy lab's default for a GAN loss without a published toy setting: Adam at lr 1e-3 with
    /// beta1 0.5 (DCGAN's beta1; its lr is 2e-4, which trains toy MLPs too slowly for a lesson) for
    /// both players, one discriminator step per generator step, batch 256. Objectives that use it
    /// say so; `gan-notes objectives` shows which.
    public static let toyAdam = ObjectiveSettings(generatorOptimizer: .adam(1e-3, beta1: 0.5),
                                                  discriminatorOptimizer: .adam(1e-3, beta1: 0.5), nCritic: 1, batchSize: 256)
}
