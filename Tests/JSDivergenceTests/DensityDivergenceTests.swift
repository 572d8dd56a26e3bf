import Foundation
import Testing
import Autodiff
import Metrics
import ToyData
@testable import JSDivergence

/// The facts about JS and KL that note 1 relies on, as properties of the quadrature values over
/// seeded random Gaussian mixtures (1-D: up to 3 components, 2-D: the same on the plane).
@Suite("JS and KL divergences of densities")
struct DensityDivergenceTests {
    let log2 = Foundation.log(2.0)

    /// A 2-D rule coarse enough for a debug build (6 steps per smallest std; the error estimates
    /// of these integrals stay below 1e-7).
    func pair2D(_ p: GaussianMixture, _ q: GaussianMixture) -> DensityPair {
        DensityPair(p: p, q: q, rule: .covering([p, q], nodesPerStd: 6))
    }

    @Test("0 <= JS <= log 2 and JS(p, q) = JS(q, p), in 1-D and 2-D", arguments: 0..<20)
    func boundsAndSymmetry(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let dimension = seed < 14 ? 1 : 2
        let p = randomMixture(dimension: dimension, using: &rng), q = randomMixture(dimension: dimension, using: &rng)
        let pq = dimension == 1 ? DensityPair(p: p, q: q) : pair2D(p, q)
        let qp = DensityPair(p: q, q: p, rule: pq.rule)
        let js = pq.jsDivergence
        #expect(js.value >= 0 && js.value <= log2, "seed \(seed): JS = \(js.value)")
        #expect(js.errorEstimate < 1e-7, "seed \(seed): quadrature error ~\(js.errorEstimate)")
        #expect(abs(js.value - qp.jsDivergence.value) < 1e-14, "seed \(seed): \(js.value) vs \(qp.jsDivergence.value)")
    }

    @Test("JS is 0 for equal densities and positive for different ones", arguments: 0..<20)
    func zeroIffEqual(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let p = randomMixture(dimension: 1, using: &rng)
        #expect(abs(DensityPair(p: p, q: p).jsDivergence.value) < 1e-15, "seed \(seed)")
        // A different density: one component moved by 0.05 to 0.5, or a std changed by 5 to 50%.
        var means = p.means, stds = p.stds
        let k = rng.nextInt(below: means.count)
        if rng.nextUniform() < 0.5 { means[k][0] += 0.05 + 0.45 * rng.nextUniform() } else { stds[k] *= 1.05 + 0.45 * rng.nextUniform() }
        let q = GaussianMixture(means: means, stds: stds, weights: p.weights)
        let pair = DensityPair(p: p, q: q)
        // Lower bound JS >= Delta / 4 with the triangular discrimination Delta = int (p - q)^2 / (p + q) > 0.
        let lower = pair.triangularDiscrimination.value / 4
        #expect(lower > 1e-6, "seed \(seed): the densities should differ, Delta/4 = \(lower)")
        #expect(pair.jsDivergence.value >= lower * (1 - 1e-9), "seed \(seed): JS \(pair.jsDivergence.value) < Delta/4 \(lower)")
    }

    @Test("Delta/4 <= JS <= log 2 * TV and JS <= (KL(p||q) + KL(q||p)) / 4", arguments: 0..<20)
    func sandwich(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let p = randomMixture(dimension: 1, using: &rng), q = randomMixture(dimension: 1, using: &rng)
        let pair = DensityPair(p: p, q: q)
        let js = pair.jsDivergence.value
        let tv = pair.totalVariation.value, delta = pair.triangularDiscrimination.value
        let kl = pair.klDivergence.value, reverse = pair.reverseKLDivergence.value
        // TV's integrand has kinks where p = q, so its quadrature is only O(h^2): allow 1e-6.
        #expect(js <= log2 * tv + 1e-6, "seed \(seed): JS \(js) > log 2 * TV \(log2 * tv)")
        #expect(js >= delta / 4 - 1e-9, "seed \(seed): JS \(js) < Delta/4 \(delta / 4)")
        #expect(js <= (kl + reverse) / 4 + 1e-9, "seed \(seed): JS \(js) > (KL + KL')/4 \((kl + reverse) / 4)")
        // Pinsker: KL >= 2 TV^2, and KL >= 0.
        #expect(kl >= 2 * tv * tv - 1e-6 && reverse >= 2 * tv * tv - 1e-6, "seed \(seed)")
    }

    @Test("KL between two Gaussians matches the closed form, in 1-D and 2-D", arguments: 0..<12)
    func gaussianKLClosedForm(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = seed < 8 ? 1 : 2
        let m1 = (0..<d).map { _ in 4 * rng.nextUniform() - 2 }, m2 = (0..<d).map { _ in 4 * rng.nextUniform() - 2 }
        let s1 = 0.5 + rng.nextUniform(), s2 = 0.5 + rng.nextUniform()
        let p = GaussianMixture(means: [m1], stds: [s1]), q = GaussianMixture(means: [m2], stds: [s2])
        let pair = d == 1 ? DensityPair(p: p, q: q) : pair2D(p, q)
        let expected = gaussianKL(m1, s1, m2, s2)
        #expect(abs(pair.klDivergence.value - expected) < 1e-9 * max(1, expected),
                "seed \(seed): KL \(pair.klDivergence.value) vs closed form \(expected)")
        #expect(abs(pair.reverseKLDivergence.value - gaussianKL(m2, s2, m1, s1)) < 1e-9 * max(1, expected), "seed \(seed)")
    }

    @Test("JS = log 2 for numerically disjoint supports however far apart, so dJS/dt = 0", arguments: 0..<10)
    func disjointSupports(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = seed < 6 ? 1 : 2
        let p = randomMixture(dimension: d, using: &rng)
        // A random direction; distances from 40 (beyond 15 std of every component past the
        // mixture's spread of 6) to a million.
        var direction = (0..<d).map { _ in rng.nextNormal() }
        let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
        direction = direction.map { $0 / norm }
        for distance in [40.0, 400, 4e4, 1e6] {
            func js(_ t: Double) -> Double {
                let q = translated(p, by: direction.map { $0 * t })
                return (d == 1 ? DensityPair(p: p, q: q) : pair2D(p, q)).jsDivergence.value
            }
            let value = js(distance)
            // log 2 to rounding: at a million the nodes' coordinates carry errors of 1e-10 (one ulp),
            // which perturb the far density's mass by about 1e-11.
            #expect(abs(value - log2) < 1e-10, "seed \(seed), distance \(distance): JS = \(value)")
            // The slope with respect to the distance, by central differences, is zero.
            let slope = (js(distance + 1e-3) - js(distance - 1e-3)) / 2e-3
            #expect(abs(slope) < 1e-9, "seed \(seed), distance \(distance): dJS/dt = \(slope)")
        }
    }

    @Test("JS rises with the distance between two Gaussians until it saturates at log 2")
    func monotoneInDistance() {
        let values = stride(from: 0.0, through: 20, by: 0.5).map { JSVersusDistance.js(distance: $0, std: 1).value }
        #expect(values[0] == 0)
        for i in 1..<values.count { #expect(values[i] >= values[i - 1] - 1e-15, "t = \(Double(i) / 2)") }
        // Near 0, JS ~ t^2 / (8 sigma^2) (the Fisher information of a location family, divided by 8).
        let small = JSVersusDistance.js(distance: 0.01, std: 1).value
        #expect(abs(small / (0.0001 / 8) - 1) < 1e-3, "JS(0.01) = \(small)")
        #expect(abs(values.last! - log2) < 1e-12)
    }

    @Test("The quadrature JS equals Metrics' discrete JS of the cell masses w_i p(x_i), w_i q(x_i)", arguments: 0..<10)
    func agreesWithDiscreteJS(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let p = randomMixture(dimension: 1, using: &rng), q = randomMixture(dimension: 1, using: &rng)
        let pair = DensityPair(p: p, q: q)
        // With positive weights, sum_i w_i p_i log(p_i / m_i) is exactly the discrete JS of the masses.
        let massesP = pair.rule.weights.indices.map { pair.rule.weights[$0] * exp(pair.logP[$0]) }
        let massesQ = pair.rule.weights.indices.map { pair.rule.weights[$0] * exp(pair.logQ[$0]) }
        let discrete = Metrics.jsDivergence(p: massesP, q: massesQ)
        #expect(abs(discrete - pair.jsDivergence.value) < 1e-10, "seed \(seed): \(discrete) vs \(pair.jsDivergence.value)")
        let discreteKL = Metrics.klDivergence(p: massesP, q: massesQ)
        #expect(abs(discreteKL - pair.klDivergence.value) < 1e-9 * max(1, discreteKL), "seed \(seed)")
    }

    @Test("Histogram estimates from samples approach the density JS", arguments: 0..<4)
    func histogramsApproachDensityJS(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let p = randomMixture(dimension: 1, using: &rng), q = randomMixture(dimension: 1, using: &rng)
        let exact = DensityPair(p: p, q: q).jsDivergence.value
        let x = p.sample(count: 20_000, using: &rng).points, y = q.sample(count: 20_000, using: &rng).points
        let estimate = histogramDivergences(x, y, bins: 60).js
        // Plug-in bias ~ (bins - 1) / (4 n) per side and binning error: a few hundredths at most.
        #expect(abs(estimate - exact) < 0.03, "seed \(seed): histogram \(estimate) vs density \(exact)")
    }

    @Test("logPdf agrees with pdf where pdf is representable and stays finite where it underflows", arguments: 0..<10)
    func logDensity(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = seed < 5 ? 1 : 2
        let p = randomMixture(dimension: d, using: &rng)
        for _ in 0..<20 {
            let x = (0..<d).map { _ in 8 * rng.nextUniform() - 4 }
            #expect(abs(exp(p.logPdf(x)) - p.pdf(x)) <= 1e-12 * p.pdf(x), "seed \(seed) at \(x)")
        }
        // 1000 away, pdf is 0 but the log is the nearest component's: log w - d/2 log(2 pi s^2) - r^2 / (2 s^2).
        let far = [Double](repeating: 1000, count: d)
        #expect(p.pdf(far) == 0)
        let terms = p.means.indices.map { k -> Double in
            let r2 = zip(far, p.means[k]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            return log(p.weights[k]) - Double(d) / 2 * log(2 * Double.pi * p.stds[k] * p.stds[k]) - r2 / (2 * p.stds[k] * p.stds[k])
        }
        let largest = terms.max()!
        let expected = largest + log(terms.reduce(0) { $0 + exp($1 - largest) })
        #expect(p.logPdf(far).isFinite && abs(p.logPdf(far) - expected) <= 1e-12 * abs(expected), "seed \(seed)")
    }
}
