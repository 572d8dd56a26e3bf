import Foundation
import Autodiff

/// `spiral`: two interleaved Archimedean spiral arms, point-symmetric about the origin, after the
/// two-spirals benchmark of Lang and Witbrock (1988, "Learning to tell two spirals apart"):
///
/// ```
/// s ~ U[0, 1),   r = maxRadius s,   phi = 2 pi turns s + pi label
/// x = r (cos phi, sin phi) + noise z,   z ~ N(0, I)
/// maxRadius = 2,  turns = 1.5,  noise = 0.05
/// ```
///
/// Arm `label` (0 or 1) has probability 1/2; arm 1 is arm 0 turned by half a turn. Along an arm the
/// parameter `s` is uniform, so points are denser near the centre. No modes, no closed-form density.
///
/// Properties the tests check: with `noise = 0` every point satisfies the two equations above; the
/// label frequencies; the noise sd.
public struct TwoSpirals: ToyDistribution {
    public var maxRadius: Double
    public var turns: Double
    public var noise: Double

    public init(maxRadius: Double = 2, turns: Double = 1.5, noise: Double = 0.05) {
        precondition(maxRadius > 0 && turns > 0 && noise >= 0,
                     "TwoSpirals: needs maxRadius > 0, turns > 0, noise >= 0, got \(maxRadius), \(turns), \(noise)")
        self.maxRadius = maxRadius
        self.turns = turns
        self.noise = noise
    }

    public var name: String { "spiral" }
    public var summary: String { "two interleaved spiral arms of \(turns) turns out to radius \(maxRadius), noise sd \(noise)" }
    public var dimension: Int { 2 }
    public var classCount: Int { 2 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "TwoSpirals.sample: count must be non-negative, got \(count)")
        var points = [Double](repeating: 0, count: 2 * count)
        var labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let label = rng.nextInt(below: 2)
            let s = rng.nextUniform()
            let z1 = rng.nextNormal(), z2 = rng.nextNormal()
            let r = maxRadius * s
            let phi = 2 * Double.pi * turns * s + Double.pi * Double(label)
            points[2 * i] = r * Foundation.cos(phi) + noise * z1
            points[2 * i + 1] = r * Foundation.sin(phi) + noise * z2
            labels[i] = label
        }
        return LabelledSample(points: Tensor(shape: [count, 2], scalars: points), labels: labels)
    }
}
