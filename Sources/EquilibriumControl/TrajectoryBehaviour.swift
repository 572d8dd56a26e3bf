/// What a trajectory did, read off its distances to the equilibrium (never from the method's name).
///
/// The rule compares the mean distance over the last quarter of the run with the mean over the
/// second quarter (the first quarter is skipped as a transient; means average over the wobble of
/// an orbit). Call that ratio `r`:
///
/// | behaviour          | rule                                       | what it looks like                    |
/// |--------------------|--------------------------------------------|---------------------------------------|
/// | `converges`        | final distance <= 1e-3, or `r < 0.5`       | a spiral into the equilibrium at a geometric rate (`r = rho^(T/2)`) |
/// | `convergesSlowly`  | `0.5 <= r < 0.9`                           | creeping in like a power of `t` (`t^(-1/2)` gives `r` about 0.65) |
/// | `cycles`           | `0.9 <= r <= 1.1`                          | circling at a roughly constant distance |
/// | `diverges`         | `r > 1.1`, a final distance above twice the starting one, or a non-finite value | spiralling out, or gone far away and drifting |
public enum TrajectoryBehaviour: String, Codable, Sendable, CaseIterable {
    case converges
    case convergesSlowly = "converges slowly"
    case cycles
    case diverges

    /// The distance below which a run counts as arrived.
    public static let convergedDistance = 1e-3
    /// The band `1 -+ band` of quarter ratios that counts as neither coming nor going.
    public static let band = 0.1

    /// Classifies a trajectory by its distances `d_0, ..., d_T` to the equilibrium (at least 8).
    /// Returns the behaviour and the ratio `r = mean(last quarter) / mean(second quarter)`.
    public static func classify(distances d: [Double]) -> (behaviour: TrajectoryBehaviour, ratio: Double) {
        guard d.count >= 8, d.allSatisfy(\.isFinite) else { return (.diverges, .infinity) }
        let n = d.count
        func mean(_ r: Range<Int>) -> Double { d[r].reduce(0, +) / Double(r.count) }
        let second = mean(n / 4 ..< n / 2), last = mean(3 * n / 4 ..< n)
        let ratio = second > 0 ? last / second : (last > 0 ? .infinity : 0)
        if d[n - 1] <= convergedDistance || ratio < 0.5 { return (.converges, ratio) }
        if ratio < 1 - band { return (.convergesSlowly, ratio) }
        // A trajectory that ended far from where it began has left, even if it now drifts slowly
        // (the GAN's field saturates far from the equilibrium, so an outward spiral slows down).
        if ratio > 1 + band || d[n - 1] > 2 * d[0] { return (.diverges, ratio) }
        return (.cycles, ratio)
    }
}
