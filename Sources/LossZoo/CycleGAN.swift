import Autodiff
import NeuralNet
import ToyData
import Training

/// CycleGAN (Zhu et al. 2017, "Unpaired Image-to-Image Translation using Cycle-Consistent
/// Adversarial Networks"): two generators `G_AB: A -> B` and `G_BA: B -> A`, a discriminator per
/// domain, and no paired examples. Each mapping is adversarial towards its target domain, and the
/// two must undo each other.
///
/// With least-squares adversarial losses (the paper's choice, the note's `criterion_GAN`) and L1
/// for the cycle and identity terms, as in the note's code:
///
/// ```
/// L_GAN   = 1/2 ( MSE(D_B(G_AB(a)), 1) + MSE(D_A(G_BA(b)), 1) )
/// L_cycle = 1/2 ( |G_BA(G_AB(a)) - a|_1 + |G_AB(G_BA(b)) - b|_1 )      (mean absolute error)
/// L_id    = 1/2 ( |G_BA(a) - a|_1 + |G_AB(b) - b|_1 )
/// L_G     = L_GAN + lambda_cyc L_cycle + lambda_id L_id                (both generators)
/// L_D_A   = 1/2 ( MSE(D_A(a), 1) + MSE(D_A(G_BA(b)), 0) ),  likewise L_D_B
/// ```
///
/// Parameters: `lambda_cyc = 10` (paper and note), `lambda_id = 5` (the paper's identity weight,
/// 0.5 lambda_cyc). The paper also keeps a buffer of 50 past fakes for D; with 2-D MLPs and fresh
/// batches every step we leave it out.
///
/// The adversarial terms alone only ask that `G_AB(A)` be distributed like `B`: any of infinitely
/// many maps does that. The cycle term picks maps that are (nearly) inverse bijections, and the
/// identity term prefers maps that move points that are already in the target domain as little
/// as possible. DiscoGAN (Kim et al. 2017) is this model with a BCE adversarial loss and a squared
/// reconstruction error; DualGAN (Yi et al. 2017) the same with WGAN critics.
public final class CycleGAN {
    public let dimension: Int
    public let cycleWeight: Double
    public let identityWeight: Double
    public let generatorAB: MLP
    public let generatorBA: MLP
    public let discriminatorA: MLP
    public let discriminatorB: MLP
    let generators: Player
    let discriminatorAPlayer: Player
    let discriminatorBPlayer: Player

    /// - Parameters:
    ///   - dimension: of both domains.
    ///   - cycleWeight: `lambda_cyc`; 10 in the paper.
    ///   - identityWeight: `lambda_id`; 5 in the paper (0.5 lambda_cyc); 0 turns the term off.
    public init(dimension: Int, settings: ModelSettings, cycleWeight: Double = 10, identityWeight: Double = 5,
                using rng: inout SeededGenerator) {
        precondition(cycleWeight >= 0 && identityWeight >= 0, "CycleGAN: weights must be non-negative, got \(cycleWeight), \(identityWeight)")
        self.dimension = dimension; self.cycleWeight = cycleWeight; self.identityWeight = identityWeight
        generatorAB = settings.network(dimension, dimension, using: &rng)
        generatorBA = settings.network(dimension, dimension, using: &rng)
        discriminatorA = settings.network(dimension, 1, using: &rng)
        discriminatorB = settings.network(dimension, 1, using: &rng)
        generators = Player("generators", generatorAB.parameters + generatorBA.parameters, settings.optimizer)
        discriminatorAPlayer = Player("discriminator A", discriminatorA.parameters, settings.optimizer)
        discriminatorBPlayer = Player("discriminator B", discriminatorB.parameters, settings.optimizer)
    }

    /// The generators' loss and its three parts.
    public func generatorLoss(a: Variable, b: Variable) -> (loss: Variable, adversarial: Variable, cycle: Variable, identity: Variable) {
        let fakeB = generatorAB(a, training: true)                                  // [N, d] a translated to B
        let fakeA = generatorBA(b, training: true)                                  // [N, d] b translated to A
        let adversarial = 0.5 * ((discriminatorB(fakeB, training: true) - 1).square().mean()
                                 + (discriminatorA(fakeA, training: true) - 1).square().mean())
        let cycle = 0.5 * ((generatorBA(fakeB, training: true) - a).abs().mean()
                           + (generatorAB(fakeA, training: true) - b).abs().mean())
        var loss = adversarial + cycleWeight * cycle
        var identity = Variable(Tensor(0))
        if identityWeight > 0 {
            identity = 0.5 * ((generatorBA(a, training: true) - a).abs().mean() + (generatorAB(b, training: true) - b).abs().mean())
            loss = loss + identityWeight * identity
        }
        return (loss, adversarial, cycle, identity)
    }

    /// A discriminator's least-squares loss: real towards 1, (constant) fakes towards 0.
    public func discriminatorLoss(_ discriminator: MLP, real: Variable, fake: Variable) -> Variable {
        0.5 * ((discriminator(real, training: true) - 1).square().mean() + discriminator(fake, training: true).square().mean())
    }

    public func translateAB(_ points: Tensor) -> Tensor { withoutGradients { generatorAB(Variable(points), training: false).value } }
    public func translateBA(_ points: Tensor) -> Tensor { withoutGradients { generatorBA(Variable(points), training: false).value } }

    /// One update of both generators, then one of each discriminator on the new fakes.
    public func trainStep(a: Tensor, b: Tensor, step: Int) throws -> (generators: Double, cycle: Double, discriminators: Double) {
        let (va, vb) = (Variable(a), Variable(b))
        let g = generatorLoss(a: va, b: vb)
        try generators.update(g.loss, step: step)
        let (fakeA, fakeB) = withoutGradients { (generatorBA(vb, training: true), generatorAB(va, training: true)) }
        let dA = discriminatorLoss(discriminatorA, real: va, fake: fakeA)
        try discriminatorAPlayer.update(dA, step: step)
        let dB = discriminatorLoss(discriminatorB, real: vb, fake: fakeB)
        try discriminatorBPlayer.update(dB, step: step)
        return (g.loss.scalar, g.cycle.scalar, dA.scalar + dB.scalar)
    }
}
