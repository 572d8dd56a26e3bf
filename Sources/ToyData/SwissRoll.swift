import Foundation
import Autodiff

/// `swissroll`: the 2-D swiss roll of the WGAN-GP toy experiments (Gulrajani et al. 2017,
/// `gan_toy.py`), which takes columns 0 and 2 of scikit-learn's `make_swiss_roll(noise=0.25)`
/// and divides by 7.5. Written out from that definition:
///
/// ```
/// t = 1.5 pi (1 + 2 u),   u ~ U[0, 1)
/// x = (t cos t + noise z1, t sin t + noise z2) / scale,   z ~ N(0, I),   noise = 0.25, scale = 7.5
/// ```
///
/// The roll winds one and a half turns, from radius `1.5 pi / scale` to `4.5 pi / scale`. No modes,
/// no closed-form density (the noise blurs a curve); every label is 0.
///
/// Properties the tests check: with `noise = 0` every point lies on the curve (`|x| scale = t` and
/// the angle of `x` is `t` mod 2 pi); the sample mean matches
/// `E[t cos t] / scale = 2 / scale` and `E[t sin t] / scale = 2 / (3 pi scale)`; the noise has the stated sd.
public struct SwissRoll: ToyDistribution {
    public var noise: Double
    public var scale: Double

    public init(noise: Double = 0.25, scale: Double = 7.5) {
        precondition(noise >= 0 && scale > 0, "SwissRoll: needs noise >= 0 and scale > 0, got \(noise), \(scale)")
        self.noise = noise
        self.scale = scale
    }

    public var name: String { "swissroll" }
    public var summary: String { "swiss roll, noise \(noise), scaled by 1/\(scale) (WGAN-GP gan_toy.py)" }
    public var dimension: Int { 2 }
    public var classCount: Int { 1 }

    public func sample(count: Int, using rng: inout some RandomNumberGenerator) -> LabelledSample {
        precondition(count >= 0, "SwissRoll.sample: count must be non-negative, got \(count)")
        var points = [Double](repeating: 0, count: 2 * count)
        for i in 0..<count {
            let t = 1.5 * Double.pi * (1 + 2 * rng.nextUniform())
            // Both noise draws happen even when noise is 0, so the same seed gives the same curve
            // positions at every noise level.
            let z1 = rng.nextNormal(), z2 = rng.nextNormal()
            points[2 * i] = (t * Foundation.cos(t) + noise * z1) / scale
            points[2 * i + 1] = (t * Foundation.sin(t) + noise * z2) / scale
        }
        return LabelledSample(points: Tensor(shape: [count, 2], scalars: points),
                              labels: [Int](repeating: 0, count: count))
    }
}
