import Foundation
import Autodiff
import Metrics
import ToyData
import Training

/// Experiment `js-vs-distance`: how the JS divergence between two Gaussians changes as they move
/// apart, and why that is bad news for a generator that learns from it.
///
/// `p = N(0, sigma^2)` is the data and `q_t = N(t, sigma^2)` a generator that is the data moved by
/// `t`. Ways of comparing them:
///
/// ```
/// JS(p, q_t)   by quadrature (DensityPair): rises from 0 and saturates at log 2 ~ 0.6931
/// dJS/dt       by central differences, (JS(t + e) - JS(t - e)) / 2e with e = 1e-3 sigma: tends to 0
/// KL(p || q_t) = t^2 / (2 sigma^2)          (closed form; also by quadrature)
/// W1(p, q_t)   = |t|                        (a translate moves all mass by t; note 2's distance)
/// ```
///
/// and, for the generator `G_theta(z) = theta + sigma z` at `theta = t` facing the optimal
/// discriminator `D*` (held fixed while the generator steps), the size of each loss's gradient.
/// With `l* = log p - log q_t`, whose derivative in `x` is the constant `-t / sigma^2`:
///
/// ```
/// minimax         |d/dtheta E log(1 - D*(G(z)))| = |t| / sigma^2 * E_q[D*]          -> 0 like e^(-t^2 / 8 sigma^2)
/// non-saturating  |d/dtheta -E log D*(G(z))|     = |t| / sigma^2 * (1 - E_q[D*])    -> grows like |t|
/// ```
///
/// (`E_q[D*] = DensityPair.optimalDiscriminatorOnGenerator`). Then the plug-in JS of histograms of samples (`Metrics.histogramDivergences`), which also
/// saturates at log 2 once no bin holds samples of both. Once the bulk of the two densities no
/// longer overlaps, JS is log 2 whatever `t` is: a generator that follows the gradient of JS
/// (the minimax game against an optimal discriminator) learns nothing about which way the data
/// lies. W1 keeps growing linearly, with slope 1 at every distance.
public enum JSVersusDistance {
    public struct Settings: Codable, Sendable, Hashable {
        /// The common standard deviation.
        public var std: Double = 1
        /// Distances `0, maxDistance / (points - 1), ..., maxDistance`.
        public var maxDistance: Double = 16
        public var points: Int = 33
        /// Far distances, where the supports are disjoint for every practical purpose.
        public var farDistances: [Double] = [40, 400, 4000, 4e5]
        /// Samples per side and bins for the histogram estimate.
        public var samples: Int = 2000
        public var bins: Int = 60

        public init() {}

        /// A small budget for lessons and tests.
        public static var quick: Settings {
            var s = Settings()
            s.points = 17; s.samples = 500; s.bins = 30
            return s
        }

        enum CodingKeys: String, CodingKey {
            case std, maxDistance = "max_distance", points, farDistances = "far_distances", samples, bins
        }

        /// Throws `TrainingError.invalidConfig` naming the first setting out of range:
        ///
        /// - `std` in [1e-4, 1e4]: the quadrature integrates over boxes `mean +- 12 std`, which
        ///   collapse to a point when `std` is below the spacing of doubles near the means
        ///   (the far distances reach 4e5), and the histograms' bins do likewise;
        /// - `maxDistance` in [0, 1e6], and at most 1e9 standard deviations, for the same reason;
        /// - `points` from 2 to 1001, `samples` from 10 to 10^6, `bins` from 2 to 10^4 (time and memory).
        public func validate() throws {
            func refuse(_ m: String) -> TrainingError { .invalidConfig(m) }
            guard std.isFinite && (1e-4...1e4).contains(std) else { throw refuse("--std must be from 1e-4 to 1e4, got \(std)") }
            guard maxDistance.isFinite && (0...1e6).contains(maxDistance) else {
                throw refuse("--max-distance must be from 0 to 1e6, got \(maxDistance)")
            }
            guard (farDistances + [maxDistance]).allSatisfy({ $0 / std <= 1e9 }) else {
                throw refuse("distances must be at most 1e9 standard deviations (--std \(std)); give a larger --std or a smaller --max-distance")
            }
            guard (2...1001).contains(points) else { throw refuse("points must be from 2 to 1001, got \(points)") }
            guard (10...1_000_000).contains(samples) else { throw refuse("samples must be from 10 to 10^6, got \(samples)") }
            guard (2...10_000).contains(bins) else { throw refuse("bins must be from 2 to 10^4, got \(bins)") }
        }
    }

    /// The comparison at one distance.
    public struct Row: Codable, Sendable, Hashable {
        public var distance: Double
        public var js: Double
        public var jsError: Double
        public var jsSlope: Double
        public var kl: Double
        public var klClosedForm: Double
        public var w1: Double
        /// The generator's gradient against `D*` under each loss (formulas above).
        public var minimaxGradientAtOptimum: Double
        public var nonSaturatingGradientAtOptimum: Double
        /// `nil` for the far distances (a histogram of samples 4e5 apart says nothing new).
        public var histogramJS: Double?

        enum CodingKeys: String, CodingKey {
            case distance, js, jsError = "js_error", jsSlope = "js_slope", kl, klClosedForm = "kl_closed_form", w1
            case minimaxGradientAtOptimum = "minimax_gradient_at_optimum"
            case nonSaturatingGradientAtOptimum = "non_saturating_gradient_at_optimum", histogramJS = "histogram_js"
        }
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var seed: UInt64
        public var rows: [Row]
        public var farRows: [Row]

        enum CodingKeys: String, CodingKey { case settings, seed, rows, farRows = "far_rows" }
    }

    /// `JS(N(0, s^2), N(t, s^2))` by quadrature.
    public static func js(distance t: Double, std s: Double) -> Integral {
        jsDivergence(GaussianMixture(means: [0], stds: [s]), GaussianMixture(means: [t], stds: [s]))
    }

    /// Runs the experiment. Deterministic: the same arguments give the same result, bit for bit.
    public static func run(settings: Settings = Settings(), seed: UInt64) -> Result {
        var rng = SeededGenerator(seed: seed)
        let s = settings.std
        let p = GaussianMixture(means: [0], stds: [s])
        func row(_ t: Double, histogram: Bool) -> Row {
            let q = GaussianMixture(means: [t], stds: [s])
            let pair = DensityPair(p: p, q: q)
            let e = 1e-3 * s
            let slope = (js(distance: t + e, std: s).value - js(distance: t - e, std: s).value) / (2 * e)
            var histogramJS: Double?
            if histogram {
                let x = p.sample(count: settings.samples, using: &rng).points       // [n, 1]
                let y = q.sample(count: settings.samples, using: &rng).points       // [n, 1]
                histogramJS = histogramDivergences(x, y, bins: settings.bins).js
            }
            let js = pair.jsDivergence
            let fooled = pair.optimalDiscriminatorOnGenerator.value                  // E_q[D*]
            return Row(distance: t, js: js.value, jsError: js.errorEstimate, jsSlope: slope,
                       kl: pair.klDivergence.value, klClosedForm: t * t / (2 * s * s), w1: Swift.abs(t),
                       minimaxGradientAtOptimum: Swift.abs(t) / (s * s) * fooled,
                       nonSaturatingGradientAtOptimum: Swift.abs(t) / (s * s) * (1 - fooled),
                       histogramJS: histogramJS)
        }
        let n = Swift.max(settings.points, 2)
        let rows = (0..<n).map { row(settings.maxDistance * Double($0) / Double(n - 1), histogram: true) }
        let farRows = settings.farDistances.map { row($0, histogram: false) }
        return Result(settings: settings, seed: seed, rows: rows, farRows: farRows)
    }
}
