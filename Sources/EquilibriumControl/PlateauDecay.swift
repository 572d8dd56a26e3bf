/// BEGAN's learning-rate schedule: "an initial learning rate of 0.0001, decaying by a factor of 2
/// when the measure of convergence stalls" (Berthelot et al. 2017, section 4.1).
///
/// The paper does not say what "stalls" means; this is our reading, stated so it can be tested:
///
/// ```
/// every `window` steps: m = mean of M_global over the window
///     if m > (1 - minimumImprovement) * best:  scale <- max(scale * factor, minimumScale)
///     best <- min(best, m)
/// ```
///
/// The first window only sets `best`. The optimizers step with `lr * scale`.
///
/// Properties (tested): a measure that keeps falling by more than `minimumImprovement` per window
/// never decays the rate; a flat one halves it once per window, down to `minimumScale` and no further.
public struct PlateauDecay: Codable, Sendable, Hashable {
    /// Steps per window over which `M_global` is averaged.
    public var window: Int
    /// The relative improvement on the best window mean that counts as progress.
    public var minimumImprovement: Double
    /// The factor applied on a stall (the paper's 1/2).
    public var factor: Double
    /// The smallest scale (the paper gives none; 1/10 of the start by default).
    public var minimumScale: Double

    /// The current factor on the learning rate, starting at 1.
    public private(set) var scale: Double = 1
    private(set) var best: Double = .infinity
    private(set) var sum: Double = 0
    private(set) var count: Int = 0

    public init(window: Int = 500, minimumImprovement: Double = 0.01, factor: Double = 0.5, minimumScale: Double = 0.1) {
        precondition(window >= 1, "PlateauDecay: the window must be at least 1 step, got \(window)")
        precondition(factor > 0 && factor < 1, "PlateauDecay: the factor must lie in (0, 1), got \(factor)")
        precondition(minimumScale > 0 && minimumScale <= 1, "PlateauDecay: the minimum scale must lie in (0, 1], got \(minimumScale)")
        precondition(minimumImprovement >= 0 && minimumImprovement < 1,
                     "PlateauDecay: the minimum improvement must lie in [0, 1), got \(minimumImprovement)")
        self.window = window; self.minimumImprovement = minimumImprovement
        self.factor = factor; self.minimumScale = minimumScale
    }

    /// Records one step's `M_global` and returns the scale for the next step. Non-finite values
    /// are skipped (a NaN loss stops training anyway).
    @discardableResult
    public mutating func observe(_ measure: Double) -> Double {
        guard measure.isFinite else { return scale }
        sum += measure; count += 1
        guard count == window else { return scale }
        let mean = sum / Double(window)
        sum = 0; count = 0
        if best.isFinite && mean > (1 - minimumImprovement) * best {
            scale = Swift.max(scale * factor, minimumScale)
        }
        best = Swift.min(best, mean)
        return scale
    }

    /// The running state as named numbers, for a checkpoint (`best` is infinite until the first
    /// window ends; checkpoints write it as "inf"); `restore` reads them back.
    var state: [String: Double] {
        ["lr_scale": scale, "lr_best": best, "lr_window_sum": sum, "lr_window_count": Double(count)]
    }

    mutating func restore(_ state: [String: Double]) {
        if let s = state["lr_scale"] { scale = s }
        if let b = state["lr_best"] { best = b }
        if let s = state["lr_window_sum"] { sum = s }
        if let c = state["lr_window_count"] { count = Int(c) }
    }
}
