import Foundation
import Autodiff

/// `circles`: two concentric circles, as scikit-learn's `make_circles(factor=0.5)`
/// (Pedregosa et al. 2011) draws them, with the angle uniform rather than evenly spaced:
///
/// ```
/// a ~ U[0, 2 pi),   x = r_label (cos a, sin a) + noise z,   z ~ N(0, I)
/// r_0 = 1 (outer, label 0),   r_1 = 0.5 (inner, label 1),   noise = 0.02
/// ```
///
/// Each circle has probability 1/2. No modes, no closed-form density.
///
/// Properties the tests check: `E |x|^2 = r^2 + 2 noise^2` per circle (exact, since the noise is
/// independent of the angle), the label frequencies, the noise sd.
public struct TwoCircles: ToyDistribution {
    public var radii: [Double]
    public var noise: Double

    public init(outerRadius: Double = 1, innerRadius: Double = 0.5, noise: Double = 0.02) {
        precondition(outerRadius > 0 && innerRadius > 0 && noise >= 0,
                     "TwoCircles: radii must be positive and noise non-negative, got \(outerRadius), \(innerRadius), \(noise)")
        self.radii = [outerRadius, innerRadius]
        self.noise = noise
    }

    public var name: String { "circles" }
    public var summary: String { "two concentric circles of radii \(radii[0]) and \(radii[1]), noise sd \(noise) (sklearn make_circles)" }
    public var dimension: Int { 2 }
    public var classCount: Int { 2 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "TwoCircles.sample: count must be non-negative, got \(count)")
        var points = [Double](repeating: 0, count: 2 * count)
        var labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let label = rng.nextInt(below: 2)
            let a = 2 * Double.pi * rng.nextUniform()
            let z1 = rng.nextNormal(), z2 = rng.nextNormal()
            points[2 * i] = radii[label] * Foundation.cos(a) + noise * z1
            points[2 * i + 1] = radii[label] * Foundation.sin(a) + noise * z2
            labels[i] = label
        }
        return LabelledSample(points: Tensor(shape: [count, 2], scalars: points), labels: labels)
    }
}
