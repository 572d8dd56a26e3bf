import Autodiff
import NeuralNet
import Training

/// Softmax GAN (Lin 2017, "Softmax GAN"): the discriminator is an energy `mu(x)` normalised by a
/// softmax over the whole batch `B = B+ (real) + B- (fake)`, and both players minimise a
/// cross-entropy against a different target distribution over that batch.
///
/// Writing `l(x) = -mu(x)` (the discriminator's raw output, higher is more real) and
/// `Z_B = sum_{x in B} e^{l(x)}`:
///
/// ```
/// target of D: 1/|B+| on each real sample, 0 on each fake
/// target of G: 1/|B|  on every sample
///
/// L_D = -(1/|B+|) sum_{x in B+} l(x)  + log Z_B
/// L_G = -(1/|B|)  sum_{x in B}  l(x)  + log Z_B
/// ```
///
/// The generator wins when the softmax is uniform over real and fake together: it cannot tell
/// them apart. Like the relativistic losses, `L_G` depends on the real batch (through `Z_B` and the
/// first sum), and the partition function couples every sample of the batch to every other.
///
/// Mathematical properties the tests check:
/// - `L_G - log |B| = KL(uniform || softmax(l))` `>= 0`, with equality exactly when all outputs agree;
/// - `L_D - log |B+| = KL(target_D || softmax(l))`, which tends to 0 as the fakes' outputs go to -inf
///   with equal real outputs;
/// - `L_G` is unchanged by adding a constant to every output (softmax invariance).
public final class SoftmaxGAN: GANObjective, Sendable {
    public init() {}
    public var name: String { "softmax-gan" }
    public var summary: String { "softmax GAN: cross-entropy against a softmax over the whole batch (Lin 2017)" }

    /// The paper (built on DCGAN's code) uses Adam with `betas = (0.5, 0.999)`; at the toy rate 1e-3.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    /// The outputs of the joint batch `[real; fake]` as one column `[N + M]`, and `log Z_B`.
    func batchScores(_ discriminator: any Layer, real: Variable, fake: Variable) -> (real: Variable, all: Variable, logZ: Variable) {
        let realOut = discriminator(real, training: true).reshaped([-1])        // [N]
        let fakeOut = discriminator(fake, training: true).reshaped([-1])        // [M]
        let all = Variable.concatenate([realOut, fakeOut], alongAxis: 0)        // [N + M]
        return (realOut, all, all.logSumExp(alongAxes: [0]))                    // log Z_B: scalar
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let (realOut, all, logZ) = batchScores(discriminator, real: real, fake: fake)
        let loss = -realOut.mean() + logZ
        let n = realOut.shape[0]
        return LossTerms(loss: loss, figures: [
            // The softmax mass D puts on the real half of the batch (1 when it is sure).
            "real_mass": withoutGradients { all.softmax(alongAxis: 0).value.scalars.prefix(n).reduce(0, +) },
        ])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let (_, all, logZ) = batchScores(discriminator, real: real, fake: fake)
        return LossTerms(loss: -all.mean() + logZ)
    }
}
