import Autodiff
import ToyData

/// The noise a sampler added, recovered by drawing the same seed twice: once with the noise
/// level under test and once with noise 0. The samplers draw the same random numbers at every
/// noise level, so the difference is exactly `noise * z` with `z ~ N(0, I)`; dividing by
/// `noise / scale` must give standard normal draws.
func standardisedNoise(noisy: some ToyDistribution, clean: some ToyDistribution, noise: Double,
                       count: Int, seed: UInt64) -> [Double] {
    var a = SeededGenerator(seed: seed), b = SeededGenerator(seed: seed)
    let x = noisy.sample(count: count, using: &a).points
    let y = clean.sample(count: count, using: &b).points
    return zip(x.scalars, y.scalars).map { ($0 - $1) / noise }
}

/// Checks that `z` looks like independent N(0, 1) draws: mean within 5 standard errors of 0,
/// sd within 5 standard errors of 1.
func expectStandardNormal(_ z: [Double]) -> (meanOK: Bool, sdOK: Bool, mean: Double, sd: Double) {
    let m = mean(z), s = standardDeviation(z)
    let n = Double(z.count)
    return (abs(m) <= zTolerance / n.squareRoot(), abs(s - 1) <= zTolerance * standardErrorOfSD(sigma: 1, n: z.count), m, s)
}
