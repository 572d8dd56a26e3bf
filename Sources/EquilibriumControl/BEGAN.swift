import Autodiff
import NeuralNet
import Training

/// BEGAN, the boundary equilibrium GAN (Berthelot, Schumm, Metz 2017): an autoencoder critic,
/// losses on reconstruction errors, and a proportional controller that keeps the two players in
/// balance.
///
/// With `L(v)` the per-sample reconstruction error of the autoencoder `D` (see
/// `reconstructionLoss`), averaged over the batch:
///
/// ```
/// L_D = L(x) - k_t L(G(z_D))                          for the discriminator's parameters
/// L_G = L(G(z_G))                                     for the generator's parameters
/// k_{t+1} = clip(k_t + lambda_k (gamma L(x) - L(G(z_G))), 0, 1)
/// M_global = L(x) + |gamma L(x) - L(G(z_G))|
/// ```
///
/// Why these losses: the discriminator wants the loss distributions of real and generated samples
/// far apart. Their Wasserstein distance is at least the gap of their means,
/// `W(mu_real, mu_fake) >= |m_real - m_fake|` (Jensen), and of the two ways to make that gap large
/// the sensible one is `m_real -> 0`, `m_fake` large: rebuild the data, fail on the fakes. The
/// generator wants its samples rebuilt well, i.e. `m_fake` small. `k_t` decides how much of the
/// discriminator's effort goes into the second term; the controller (`EquilibriumController`)
/// moves it so that `E[L(G(z))] = gamma E[L(x)]`.
///
/// The trainer calls `afterGeneratorStep` once per step with both steps' loss terms; that is where
/// `k` is updated, from the discriminator step's `L(x)` and the generator step's `L(G(z_G))`, as
/// in the paper. `k` (and the learning-rate schedule's state) live in `state`, so a checkpoint
/// resumes with the same `k`.
///
/// Logged figures: `k` (the `k_t` used in this step's discriminator loss), `l_real` = L(x),
/// `l_fake` = L(G(z_D)), `l_gen` = L(G(z_G)), `m_global`, and `lr_scale` when decaying.
public final class BEGAN: GANObjective {
    /// How `k_t` is set.
    public enum Control: Sendable, Hashable {
        /// The paper's proportional controller, from `k_0`.
        case proportional
        /// `k` held fixed (the "without control" comparison: 0 ignores the fakes altogether,
        /// 1 is EBGAN-like full weight on them from the first step).
        case fixed(Double)
    }

    public let gamma: Double
    public let lambdaK: Double
    public let eta: Int
    public let bottleneck: Int
    public let control: Control
    public let initialK: Double
    /// The paper's learning-rate decay, or `nil` for a constant rate.
    public let decay: PlateauDecay?

    public private(set) var controller: EquilibriumController
    public private(set) var schedule: PlateauDecay?
    /// `L(x)` of the last discriminator step, for `M_global` in the generator's figures.
    private var lastRealLoss: Double = .nan

    /// - Parameters:
    ///   - gamma: the diversity ratio (paper: 0.5 in most figures; explored 0.3 to 0.7).
    ///   - lambdaK: the controller's gain (paper: 0.001).
    ///   - eta: the loss exponent, 1 (paper's choice) or 2.
    ///   - bottleneck: the autoencoder's code size (1 for 2-D toy data; see `AutoencoderCritic`).
    ///   - control: `.proportional` (the paper) or `.fixed(k)` to switch the controller off.
    ///   - initialK: `k_0` (paper: 0).
    ///   - decay: `PlateauDecay()` to halve the learning rate when `M_global` stalls; `nil` (default) for none.
    public init(gamma: Double = 0.5, lambdaK: Double = 0.001, eta: Int = 1, bottleneck: Int = 1,
                control: Control = .proportional, initialK: Double = 0, decay: PlateauDecay? = nil) {
        precondition(eta == 1 || eta == 2, "BEGAN: eta must be 1 or 2, got \(eta)")
        if case .fixed(let k) = control { precondition((0...1).contains(k), "BEGAN: a fixed k must lie in [0, 1], got \(k)") }
        self.gamma = gamma; self.lambdaK = lambdaK; self.eta = eta; self.bottleneck = bottleneck
        self.control = control; self.initialK = initialK; self.decay = decay
        let k0 = if case .fixed(let k) = control { k } else { initialK }
        controller = EquilibriumController(gamma: gamma, gain: lambdaK, initialK: k0)
        schedule = decay
    }

    public var name: String {
        switch control {
        case .proportional: "began"
        case .fixed(let k): "began-fixed-k" + (k == k.rounded() ? "\(Int(k))" : "\(k)")
        }
    }

    public var summary: String {
        "BEGAN: autoencoder critic, L_D = L(x) - k_t L(G(z)), k_t steered to gamma = \(gamma) (Berthelot et al. 2017)"
    }

    /// Adam at the paper's initial rate 1e-4 (betas (0.5, 0.999), as common implementations use;
    /// the paper does not give them), one discriminator step per generator step (the paper
    /// updates both every step), batch 64 (the paper's is 16; larger batches make the noisy
    /// per-step error `gamma L(x) - L(G(z))` that drives `k` steadier on toy data).
    public var recommendedSettings: ObjectiveSettings {
        ObjectiveSettings(generatorOptimizer: .adam(1e-4, beta1: 0.5), discriminatorOptimizer: .adam(1e-4, beta1: 0.5),
                          nCritic: 1, batchSize: 64)
    }

    /// The autoencoder critic: `hidden` for the encoder, mirrored for the decoder.
    public func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind,
                                  initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        AutoencoderCritic(dataDimension: inputDimension, hidden: hidden, bottleneck: bottleneck,
                          activation: activation, initialization: initialization, using: &rng)
    }

    /// The mean reconstruction error of `v` through `discriminator`, a scalar Variable.
    func meanLoss(_ discriminator: any Layer, _ v: Variable) -> Variable {
        reconstructionLoss(v, reconstruction: discriminator(v, training: true), eta: eta).mean()
    }

    public func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable,
                                  using rng: inout SeededGenerator) -> LossTerms {
        let realLoss = meanLoss(discriminator, real)                // scalar L(x)
        let fakeLoss = meanLoss(discriminator, fake)                // scalar L(G(z_D)), fake is constant here
        let k = controller.k
        lastRealLoss = realLoss.scalar
        return LossTerms(loss: realLoss - fakeLoss * k,
                         figures: ["k": k, "l_real": realLoss.scalar, "l_fake": fakeLoss.scalar])
    }

    public func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        let genLoss = meanLoss(discriminator, fake)                 // scalar L(G(z_G)), recorded through G
        var figures = ["l_gen": genLoss.scalar]
        if lastRealLoss.isFinite {
            figures["m_global"] = controller.convergenceMeasure(realLoss: lastRealLoss, fakeLoss: genLoss.scalar)
        }
        if let schedule { figures["lr_scale"] = schedule.scale }
        return LossTerms(loss: genLoss, figures: figures)
    }

    /// The controller step, and the schedule's bookkeeping.
    public func afterGeneratorStep(discriminatorTerms: LossTerms, generatorTerms: LossTerms) {
        guard let realLoss = discriminatorTerms.figures["l_real"] else { return }
        let genLoss = generatorTerms.loss.scalar
        if case .proportional = control { controller.update(realLoss: realLoss, fakeLoss: genLoss) }
        schedule?.observe(controller.convergenceMeasure(realLoss: realLoss, fakeLoss: genLoss))
    }

    public var learningRateScale: Double { schedule?.scale ?? 1 }

    /// `k`, and the schedule's state when decaying.
    public var state: [String: Double] {
        get { (schedule?.state ?? [:]).merging(["k": controller.k]) { a, _ in a } }
        set {
            if let k = newValue["k"] {
                controller = EquilibriumController(gamma: gamma, gain: lambdaK, initialK: Swift.min(Swift.max(k, 0), 1))
            }
            schedule?.restore(newValue)
        }
    }

    /// `-L(v)` per point: higher where the autoencoder rebuilds better, i.e. "more real".
    public func criticValue(discriminator: any Layer, at points: Tensor) -> Tensor {
        withoutGradients {
            let v = Variable(points)                                                         // [N, d]
            return (-reconstructionLoss(v, reconstruction: discriminator(v, training: false), eta: eta)).value  // [N]
        }
    }
}
