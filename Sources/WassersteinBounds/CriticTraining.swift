import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training

/// A critic's loss on a real and a generated batch: `(critic, real [N, d], fake [N, d], rng) -> scalar`.
public typealias CriticLoss = (_ critic: any Layer, _ real: Variable, _ fake: Variable, _ rng: inout SeededGenerator) -> Variable

/// Trains a critic alone, against two fixed distributions: the inner maximisation of a WGAN run
/// to convergence, with no generator moving underneath. The experiments use it to see what a
/// critic *can* represent (Gulrajani et al. 2017, Figure 1, hold the "generator" fixed at the
/// data plus noise) and what its estimate and slope are at the optimum.
///
/// ```
/// repeat steps times:
///     x ~ real, x~ ~ fake (batchSize each);  w <- w - update(grad_w loss(w; x, x~));  afterStep(critic)
/// ```
///
/// - Parameters:
///   - critic: trained in place.
///   - loss: the critic's loss, minimised.
///   - afterStep: runs after every update (weight clipping).
///   - real, fake: the two distributions.
///   - optimizer: e.g. `.rmsprop(5e-5)` for WGAN, `.adam(1e-4, beta1: 0, beta2: 0.9)` for WGAN-GP.
///   - seed: seeds the data, noise and loss streams (split, so each is independent).
///   - onStep: called after each update with the step (from 1), the loss's value and its
///     gradients with respect to `critic.parameters` (before the update).
public func trainCritic(_ critic: any Layer, loss: CriticLoss, afterStep: (any Layer) -> Void = { _ in },
                        real: any ToyDistribution, fake: any ToyDistribution, steps: Int, batchSize: Int,
                        optimizer: OptimizerConfig, seed: UInt64, onStep: (Int, Double, [Tensor]) -> Void = { _, _, _ in }) {
    precondition(steps >= 0 && batchSize >= 1, "trainCritic: needs steps >= 0 and batchSize >= 1")
    var root = SeededGenerator(seed: seed)
    var realStream = root.split(), fakeStream = root.split(), lossStream = root.split()
    let update = optimizer.make(for: critic.parameters)
    for step in stride(from: 1, through: steps, by: 1) {
        let x = Variable(real.sample(count: batchSize, using: &realStream).points)     // [B, d]
        let xFake = Variable(fake.sample(count: batchSize, using: &fakeStream).points) // [B, d]
        let value = loss(critic, x, xFake, &lossStream)
        let grads = gradients(of: value, wrt: critic.parameters).map(\.value)
        update.step(grads)
        afterStep(critic)
        onStep(step, value.scalar, grads)
    }
}

/// The same, with an objective's critic loss and its after-step hook (clipping for `WGAN`).
public func trainCritic(_ critic: any Layer, objective: any GANObjective,
                        real: any ToyDistribution, fake: any ToyDistribution, steps: Int, batchSize: Int,
                        optimizer: OptimizerConfig, seed: UInt64, onStep: (Int, Double, [Tensor]) -> Void = { _, _, _ in }) {
    trainCritic(critic, loss: { critic, x, xFake, rng in
        objective.discriminatorLoss(discriminator: critic, real: x, fake: xFake, using: &rng).loss
    }, afterStep: { objective.afterDiscriminatorStep(discriminator: $0) },
    real: real, fake: fake, steps: steps, batchSize: batchSize, optimizer: optimizer, seed: seed, onStep: onStep)
}

/// The original GAN's discriminator loss (note 1) on logits, `E softplus(-D(x)) + E softplus(D(x~))`:
/// binary cross-entropy with label 1 for real and 0 for generated. Its minimum over all `D` is
/// `log 4 - 2 JS(P_r, P_g)`, so `log 2 - L_D / 2` estimates the Jensen-Shannon divergence.
public func classifierLoss(_ critic: any Layer, real: Variable, fake: Variable) -> Variable {
    (-critic(real, training: true)).softplus().mean() + critic(fake, training: true).softplus().mean()
}

/// The "generator" of Gulrajani et al. (2017), Figure 1: the data plus Gaussian noise,
/// `x~ = x + sigma z`, `z ~ N(0, I)` (`gan_toy.py` with `FIXED_GENERATOR`, sigma = 1).
public struct NoisyData: ToyDistribution {
    public var base: any ToyDistribution
    public var std: Double
    public init(_ base: any ToyDistribution, std: Double = 1) { self.base = base; self.std = std }

    public var name: String { "\(base.name)+noise" }
    public var summary: String { "\(base.name) plus N(0, \(std)^2 I) noise" }
    public var dimension: Int { base.dimension }
    public var classCount: Int { base.classCount }
    public var modes: [Mode]? { nil }
    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        let s = base.sample(count: count, using: &rng)
        let noise = Tensor.randomNormal(s.points.shape, std: std, using: &rng)
        return LabelledSample(points: s.points + noise, labels: s.labels)
    }
}
