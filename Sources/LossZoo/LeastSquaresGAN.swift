import Autodiff
import NeuralNet
import Training

/// LSGAN (Mao et al. 2017, "Least Squares Generative Adversarial Networks"): the discriminator
/// regresses its raw output onto target labels instead of classifying, and the generator pulls
/// its samples' outputs towards a third value.
///
/// ```
/// L_D = 1/2 E_x (D(x) - b)^2 + 1/2 E_z (D(G(z)) - a)^2       a: fake label, b: real label
/// L_G = 1/2 E_z (D(G(z)) - c)^2                               c: what G wants D to say of fakes
/// ```
///
/// `D` has no sigmoid: its output is the regression value. A fake sample on the real side of the
/// boundary but far from `c` is still penalised, so the generator keeps receiving gradient after
/// the classifier would have saturated (the point of the paper's figure 1).
///
/// Two codings, both from the paper:
/// - `(a, b, c) = (0, 1, 1)`, name `lsgan`: "make D say real", the one used in practice.
/// - `(a, b, c) = (-1, 1, 0)`, name `lsgan-pearson`: with `b - c = 1` and `b - a = 2`, adding the
///   term `1/2 E_x (D(x) - c)^2` (constant in G) to `L_G` makes G's objective at the optimal D equal
///   `1/2 chi^2_Pearson(p_d + p_g || 2 p_g)` (section 3.2).
///
/// Mathematical properties the tests check:
/// - for fixed G the optimal discriminator is `D*(x) = (b p_d(x) + a p_g(x)) / (p_d(x) + p_g(x))`;
/// - with `(-1, 1, 0)` and `D = D*`, `1/2 E_{p_d} (D* - c)^2 + 1/2 E_{p_g} (D* - c)^2` equals
///   `1/2 sum (2 p_g - (p_d + p_g))^2 / (p_d + p_g)`, half the Pearson chi-square above.
public final class LeastSquaresGAN: GANObjective, Sendable {
    /// Target of D on fakes.
    public let a: Double
    /// Target of D on real data.
    public let b: Double
    /// Target the generator sets for its own samples.
    public let c: Double

    /// The `(0, 1, 1)` coding.
    public static var practical: LeastSquaresGAN { LeastSquaresGAN(a: 0, b: 1, c: 1) }
    /// The `(-1, 1, 0)` coding that minimises the Pearson chi-square divergence.
    public static var pearson: LeastSquaresGAN { LeastSquaresGAN(a: -1, b: 1, c: 0) }

    /// - Parameters:
    ///   - a: D's target for generated samples (0 in the practical coding).
    ///   - b: D's target for real samples (1).
    ///   - c: the value G wants D to give its samples (1).
    public init(a: Double = 0, b: Double = 1, c: Double = 1) {
        precondition(a != b, "LeastSquaresGAN: the real and fake labels must differ, got a = b = \(a)")
        self.a = a; self.b = b; self.c = c
    }

    public var name: String {
        switch (a, b, c) {
        case (0, 1, 1): "lsgan"
        case (-1, 1, 0): "lsgan-pearson"
        default: "lsgan(\(a),\(b),\(c))"
        }
    }
    public var summary: String {
        "least squares GAN, labels (a, b, c) = (\(fmt(a)), \(fmt(b)), \(fmt(c)))"
            + ((a, b, c) == (-1, 1, 0) ? ": minimises Pearson chi^2" : "") + " (Mao et al. 2017)"
    }

    /// The paper trains with Adam and `beta1 = 0.5` (section 4). The authors' LSUN script uses
    /// `lr = 1e-3` (2e-4 is the rate of their Chinese-characters script); 1e-3 also suits our
    /// small MLPs on 2-D data.
    public var recommendedSettings: ObjectiveSettings { .toyAdam }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let realOut = discriminator(real, training: true)          // [N, 1]
        let fakeOut = discriminator(fake, training: true)          // [N, 1]
        let loss = 0.5 * (realOut - b).square().mean() + 0.5 * (fakeOut - a).square().mean()
        return LossTerms(loss: loss, real: realOut, fake: fakeOut, outputsAreLogits: false)
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let fakeOut = discriminator(fake, training: true)          // [N, 1]
        return LossTerms(loss: 0.5 * (fakeOut - c).square().mean())
    }
}

/// `1` for 1.0, `-1` for -1.0, `0.5` for 0.5: labels without a trailing `.0`.
func fmt(_ x: Double) -> String {
    x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : String(x)
}
