/// BEGAN's proportional controller, on its own: the weight `k_t` that the discriminator puts on
/// the generated samples' loss, steered so that `E[L(G(z))] = gamma E[L(x)]` (Berthelot, Schumm,
/// Metz 2017, section 3.4):
///
/// ```
/// e_t     = gamma L(x) - L(G(z_G))                     the balance error
/// k_{t+1} = clip(k_t + lambda_k e_t, 0, 1)             k_0 = 0, lambda_k = 0.001
/// M_global = L(x) + |e_t|                              the convergence measure
/// ```
///
/// Read it as a thermostat. When the generated samples are rebuilt *too well*
/// (`L(G(z)) < gamma L(x)`, `e > 0`) the discriminator is not pushing them away hard enough, so
/// `k` rises and the term `-k L(G(z))` in its loss weighs more; when they are rebuilt too badly
/// (`e < 0`) the discriminator is winning, so `k` falls and it attends to the real data instead.
/// `lambda_k` is the proportional gain: how far one unit of error moves `k`.
///
/// A value type with no networks attached, so its behaviour can be studied on any sequence of
/// losses: `EquilibriumController.trajectory(realLosses:fakeLosses:)`.
///
/// Properties (tested over many seeded sequences, adversarial ones included):
/// - `k` stays in `[0, 1]`, whatever the losses; the clamp is exact (a step past 1 gives exactly 1).
/// - `k` does not move when `gamma L(x) = L(G(z))`.
/// - `k` rises when `L(G(z)) < gamma L(x)`, falls when `L(G(z)) > gamma L(x)` (unless clamped).
/// - A NaN error (a NaN loss) leaves `k` where it was; `+inf`/`-inf` errors clamp to 1/0.
public struct EquilibriumController: Codable, Sendable, Hashable {
    /// The diversity ratio `gamma = E[L(G(z))] / E[L(x)]` the controller aims for.
    public var gamma: Double
    /// The proportional gain `lambda_k`.
    public var gain: Double
    /// The current weight `k_t`, in `[0, 1]`.
    public private(set) var k: Double

    /// - Parameters:
    ///   - gamma: the target ratio, `>= 0` (the paper uses values in `[0.3, 1]`; 0.5 in its figures).
    ///   - gain: `lambda_k`, the paper's 0.001.
    ///   - initialK: `k_0`, the paper's 0.
    public init(gamma: Double = 0.5, gain: Double = 0.001, initialK: Double = 0) {
        precondition(gamma >= 0 && gamma.isFinite, "EquilibriumController: gamma must be a finite number >= 0, got \(gamma)")
        precondition(gain >= 0 && gain.isFinite, "EquilibriumController: the gain must be a finite number >= 0, got \(gain)")
        precondition((0...1).contains(initialK), "EquilibriumController: k_0 must lie in [0, 1], got \(initialK)")
        self.gamma = gamma; self.gain = gain; k = initialK
    }

    /// `e = gamma L(x) - L(G(z))`: positive when the generated samples are rebuilt too well.
    public func balanceError(realLoss: Double, fakeLoss: Double) -> Double { gamma * realLoss - fakeLoss }

    /// `M_global = L(x) + |gamma L(x) - L(G(z))|`: small only when the real data are rebuilt well
    /// *and* the two losses stand in the ratio `gamma`.
    public func convergenceMeasure(realLoss: Double, fakeLoss: Double) -> Double {
        realLoss + Swift.abs(balanceError(realLoss: realLoss, fakeLoss: fakeLoss))
    }

    /// One control step: `k <- clip(k + lambda_k e, 0, 1)`. Returns the new `k`.
    @discardableResult
    public mutating func update(realLoss: Double, fakeLoss: Double) -> Double {
        let proposed = k + gain * balanceError(realLoss: realLoss, fakeLoss: fakeLoss)
        // NaN fails every comparison, so it must be caught before the clamp (which would pass it on).
        guard !proposed.isNaN else { return k }
        k = Swift.min(Swift.max(proposed, 0), 1)
        return k
    }

    /// The whole trajectory `[k_0, k_1, ..., k_T]` for the loss sequences `L(x)_t` and
    /// `L(G(z))_t`, `t = 0..<T` (the shorter sequence sets `T`).
    public static func trajectory(gamma: Double = 0.5, gain: Double = 0.001, initialK: Double = 0,
                                  realLosses: [Double], fakeLosses: [Double]) -> [Double] {
        var controller = EquilibriumController(gamma: gamma, gain: gain, initialK: initialK)
        return [controller.k] + zip(realLosses, fakeLosses).map { controller.update(realLoss: $0, fakeLoss: $1) }
    }
}
