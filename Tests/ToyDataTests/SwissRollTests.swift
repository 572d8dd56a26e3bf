import Foundation
import Testing
import Autodiff
import ToyData

@Suite("Swiss roll")
struct SwissRollTests {
    @Test("without noise every point lies on the curve t (cos t, sin t) / 7.5 with t in [1.5 pi, 4.5 pi]",
          arguments: 0..<5)
    func pointsLieOnTheCurve(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let batch = SwissRoll(noise: 0).sample(count: 2_000, using: &rng)
        for row in batch.points.rows {
            let t = (row[0] * row[0] + row[1] * row[1]).squareRoot() * 7.5
            #expect(t >= 1.5 * Double.pi - 1e-9 && t <= 4.5 * Double.pi + 1e-9, "t = \(t), seed \(seed)")
            // The angle of the point must equal t modulo 2 pi.
            let angle = atan2(row[1], row[0])
            let gap = remainder(angle - t, 2 * Double.pi)
            #expect(abs(gap) < 1e-9, "point \(row): angle \(angle) vs t \(t), seed \(seed)")
        }
    }

    @Test("the sample mean is (E[t cos t], E[t sin t]) / 7.5 = (2, 2 / (3 pi)) / 7.5", arguments: 0..<3)
    func sampleMean(seed: UInt64) {
        // E[t cos t] over t ~ U[1.5 pi, 4.5 pi] is [t sin t + cos t] / (3 pi) = 6 pi / (3 pi) = 2;
        // E[t sin t] is [-t cos t + sin t] / (3 pi) = 2 / (3 pi).
        var rng = SeededGenerator(seed: seed)
        let n = 40_000
        let batch = SwissRoll().sample(count: n, using: &rng)
        let xs = batch.points.rows.map { $0[0] }, ys = batch.points.rows.map { $0[1] }
        let expected = [2 / 7.5, 2 / (3 * Double.pi) / 7.5]
        for (values, target) in zip([xs, ys], expected) {
            let standardError = standardDeviation(values) / Double(n).squareRoot()
            #expect(abs(mean(values) - target) <= zTolerance * standardError,
                    "mean \(mean(values)) vs \(target) (se \(standardError)), seed \(seed)")
        }
        #expect(batch.labels.allSatisfy { $0 == 0 })
    }

    @Test("the noise is N(0, 0.25^2) per coordinate before the division by 7.5", arguments: 0..<3)
    func noiseLevel(seed: UInt64) {
        let z = standardisedNoise(noisy: SwissRoll(), clean: SwissRoll(noise: 0), noise: 0.25 / 7.5,
                                  count: 10_000, seed: seed)
        let check = expectStandardNormal(z)
        #expect(check.meanOK && check.sdOK, "noise mean \(check.mean), sd \(check.sd), seed \(seed)")
    }
}
