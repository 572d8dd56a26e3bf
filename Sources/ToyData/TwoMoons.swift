import Foundation
import Autodiff

/// `moons`: two interleaving half circles, as scikit-learn's `make_moons` (Pedregosa et al. 2011)
/// draws them, with the position along each arc uniform rather than evenly spaced:
///
/// ```
/// t ~ U[0, pi)
/// label 0 (upper moon):  (cos t, sin t)             + noise z
/// label 1 (lower moon):  (1 - cos t, 1/2 - sin t)   + noise z,   z ~ N(0, I),  noise = 0.05
/// ```
///
/// Each label has probability 1/2. No modes, no closed-form density.
///
/// Properties the tests check: the label frequencies; the per-moon means
/// `(0, 2/pi)` and `(1, 1/2 - 2/pi)` and variances `(1/2 + noise^2, 1/2 - 4/pi^2 + noise^2)`;
/// the noise has the stated sd.
public struct TwoMoons: ToyDistribution {
    public var noise: Double

    public init(noise: Double = 0.05) {
        precondition(noise >= 0, "TwoMoons: noise must be non-negative, got \(noise)")
        self.noise = noise
    }

    public var name: String { "moons" }
    public var summary: String { "two interleaving half circles, noise sd \(noise) (sklearn make_moons)" }
    public var dimension: Int { 2 }
    public var classCount: Int { 2 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "TwoMoons.sample: count must be non-negative, got \(count)")
        var points = [Double](repeating: 0, count: 2 * count)
        var labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let label = rng.nextInt(below: 2)
            let t = Double.pi * rng.nextUniform()
            let z1 = rng.nextNormal(), z2 = rng.nextNormal()
            let (x, y) = label == 0 ? (Foundation.cos(t), Foundation.sin(t))
                                    : (1 - Foundation.cos(t), 0.5 - Foundation.sin(t))
            points[2 * i] = x + noise * z1
            points[2 * i + 1] = y + noise * z2
            labels[i] = label
        }
        return LabelledSample(points: Tensor(shape: [count, 2], scalars: points), labels: labels)
    }
}
