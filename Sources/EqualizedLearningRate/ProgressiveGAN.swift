import Autodiff
import NeuralNet
import Training

/// A progressively grown GAN on `ShapeImages`: the generator, the discriminator, their Adam
/// optimizers and the random streams, with one training step at a given `GrowthStage`.
///
/// Settings follow the official code where they carry over: Adam with `lr = 0.001`,
/// `beta1 = 0`, `beta2 = 0.99`, `eps = 1e-8` (`config.py`), one discriminator step per generator
/// step, the optimizer state reset whenever a new block starts fading in or becomes stable
/// (`reset_opt_for_new_lod`), and real images blended between resolutions with the same
/// `alpha` as the networks (`process_reals`). The loss is the non-saturating logistic GAN loss of
/// lesson 1,
///
/// ```
/// L_D = E softplus(-D(x)) + E softplus(D(G(z)))        L_G = E softplus(-D(G(z)))
/// ```
///
/// rather than the paper's WGAN-GP, whose gradient penalty would roughly triple the cost of a
/// step for no change in what the lesson shows.
///
/// One more departure: the official code shows (and evaluates) `Gs`, an exponential moving average
/// of the generator's weights (`G_smoothing_kimg = 10`, a decay of about 0.999 per step at its
/// batch size), not the generator being trained. That is omitted here: every image and distance the
/// experiment reports comes from the trained generator itself, which is noisier from step to step.
public final class ProgressiveGAN {
    public struct Settings: Sendable, Hashable, Codable {
        public var architecture = ProgressiveArchitecture()
        /// Images per batch (ProGAN used 16 per GPU at low resolutions; 32 learns the shapes
        /// noticeably better here for little extra time).
        public var batchSize: Int = 32
        public var learningRate: Double = 1e-3
        public var beta1: Double = 0
        public var beta2: Double = 0.99
        /// Start both optimizers afresh at every phase, as the official code does.
        public var resetOptimizersEachPhase: Bool = true
        /// The shapes in the data.
        public var kinds: [ShapeImages.Kind] = ShapeImages.Kind.allCases
        public init() {}

        /// The first impossible setting, as a sentence; `nil` if none.
        public func problem() -> String? {
            if batchSize < 2 { return "batch size must be at least 2, got \(batchSize)" }
            if !(learningRate > 0) || !learningRate.isFinite { return "the learning rate must be a positive number, got \(learningRate)" }
            if !(0..<1).contains(beta1) || !(0..<1).contains(beta2) { return "Adam's betas must lie in [0, 1), got \(beta1), \(beta2)" }
            if architecture.channels.isEmpty || architecture.channels.contains(where: { $0 < 1 }) { return "every level needs at least one channel" }
            if architecture.latentSize < 1 { return "the latent size must be at least 1" }
            if kinds.isEmpty { return "give at least one kind of shape" }
            return nil
        }
    }

    public let settings: Settings
    public let generator: ProgressiveGenerator
    public let discriminator: ProgressiveDiscriminator
    public let data: ShapeImages
    public private(set) var generatorOptimizer: Adam
    public private(set) var discriminatorOptimizer: Adam
    var dataStream: SeededGenerator
    var noiseStream: SeededGenerator

    /// - Throws: `TrainingError.invalidConfig` for impossible settings.
    public init(settings: Settings, seed: UInt64) throws {
        if let problem = settings.problem() { throw TrainingError.invalidConfig(problem) }
        self.settings = settings
        var root = SeededGenerator(seed: seed)
        var initStream = root.split()
        dataStream = root.split(); noiseStream = root.split()
        generator = ProgressiveGenerator(settings.architecture, using: &initStream)
        discriminator = ProgressiveDiscriminator(settings.architecture, using: &initStream)
        data = ShapeImages(resolution: 4 << settings.architecture.finalLevel, kinds: settings.kinds)
        generatorOptimizer = Adam(generator.parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
        discriminatorOptimizer = Adam(discriminator.parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
    }

    /// Fresh Adam moments for both players (a new block starts fading in or becomes stable).
    public func resetOptimizers() {
        generatorOptimizer = Adam(generator.parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
        discriminatorOptimizer = Adam(discriminator.parameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2)
    }

    /// Real images as the discriminator sees them at `stage`: the full-resolution data pooled to
    /// the stage's resolution `R`, and, while fading, blended with their own blocky version
    /// (pooled to `R / 2` and upsampled back) with weight `1 - alpha`, as `process_reals` does.
    public static func realImages(_ full: Tensor, stage: GrowthStage) -> Tensor {
        let sharp = ShapeImages.downsampled(full, to: stage.resolution)                       // [N, 1, R, R]
        guard stage.isFading else { return sharp }
        let blocky = sharp.averagePooled(factor: 2).upsampledNearest(factor: 2)                // [N, 1, R, R]
        return fadeIn(blocky, sharp, alpha: stage.alpha)
    }

    /// `count` real images at `stage`, from `rng`.
    public func realBatch(count: Int, stage: GrowthStage, using rng: inout SeededGenerator) -> Tensor {
        ProgressiveGAN.realImages(data.sample(count: count, using: &rng).images, stage: stage)
    }

    /// Generated images `[N, 1, R, R]` for the given latents, without recording a graph.
    public func generate(_ latents: Tensor, stage: GrowthStage) -> Tensor {
        withoutGradients { generator(Variable(latents), stage: stage).value }
    }

    /// One discriminator update, then one generator update, at `stage`.
    ///
    /// - Returns: both losses before their updates.
    /// - Throws: `TrainingError.nonFinite` if a loss or gradient stops being finite.
    @discardableResult
    public func trainStep(stage: GrowthStage, step: Int = 0) throws -> (discriminator: Double, generator: Double) {
        let n = settings.batchSize, zs = settings.architecture.latentSize
        let real = Variable(realBatch(count: n, stage: stage, using: &dataStream))              // [N, 1, R, R]
        let fake = Variable(generate(Tensor.randomNormal([n, zs], using: &noiseStream), stage: stage))   // [N, 1, R, R] constant
        let dLoss = (-discriminator(real, stage: stage)).softplus().mean() + discriminator(fake, stage: stage).softplus().mean()
        try requireFinite(dLoss.scalar, "discriminator loss", step)
        let dGrads = gradients(of: dLoss, wrt: discriminator.parameters).map(\.value)
        try requireFinite(dGrads, "discriminator gradient", step)
        discriminatorOptimizer.step(dGrads)

        let z = Variable(Tensor.randomNormal([n, zs], using: &noiseStream))                     // [N, z]
        let gLoss = (-discriminator(generator(z, stage: stage), stage: stage)).softplus().mean()
        try requireFinite(gLoss.scalar, "generator loss", step)
        let gGrads = gradients(of: gLoss, wrt: generator.parameters).map(\.value)
        try requireFinite(gGrads, "generator gradient", step)
        generatorOptimizer.step(gGrads)
        return (dLoss.scalar, gLoss.scalar)
    }

    private func requireFinite(_ x: Double, _ what: String, _ step: Int) throws {
        if !x.isFinite { throw TrainingError.nonFinite(step: step, quantity: what, value: x) }
    }
    private func requireFinite(_ ts: [Tensor], _ what: String, _ step: Int) throws {
        try requireFinite(Tensor.squaredNorm(of: ts), what, step)
    }
}
