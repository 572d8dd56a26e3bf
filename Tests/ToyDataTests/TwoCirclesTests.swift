import Foundation
import Testing
import Autodiff
import ToyData

@Suite("Two circles")
struct TwoCirclesTests {
    @Test("E|x|^2 = r^2 + 2 noise^2 on each circle, and each circle has probability 1/2", arguments: 0..<3)
    func squaredRadius(seed: UInt64) {
        // |x|^2 = r^2 + 2 r (u . e) + |e|^2 with e ~ N(0, noise^2 I) independent of the unit vector u,
        // so E|x|^2 = r^2 + 2 noise^2 and Var|x|^2 = 4 r^2 noise^2 + 4 noise^4.
        let noise = 0.02
        var rng = SeededGenerator(seed: seed)
        let n = 20_000
        let batch = TwoCircles(noise: noise).sample(count: n, using: &rng)
        for (label, r) in [1.0, 0.5].enumerated() {
            let squared = batch.points.rows.enumerated().filter { batch.labels[$0.offset] == label }
                .map { $0.element[0] * $0.element[0] + $0.element[1] * $0.element[1] }
            #expect(abs(Double(squared.count) / Double(n) - 0.5) <= zTolerance * binomialStandardError(p: 0.5, n: n),
                    "circle \(label) drew \(squared.count) of \(n), seed \(seed)")
            let sd = (4 * r * r * noise * noise + 4 * pow(noise, 4)).squareRoot()
            let expected = r * r + 2 * noise * noise
            #expect(abs(mean(squared) - expected) <= zTolerance * sd / Double(squared.count).squareRoot(),
                    "circle \(label): mean |x|^2 \(mean(squared)) vs \(expected), seed \(seed)")
        }
    }

    @Test("without noise the points lie exactly on radii 1 and 0.5 at uniform angles")
    func noiseFreeRadii() {
        var rng = SeededGenerator(seed: 5)
        let n = 20_000
        let batch = TwoCircles(noise: 0).sample(count: n, using: &rng)
        for (i, row) in batch.points.rows.enumerated() {
            let r = (row[0] * row[0] + row[1] * row[1]).squareRoot()
            #expect(abs(r - [1.0, 0.5][batch.labels[i]]) < 1e-12, "point \(row) label \(batch.labels[i])")
        }
        // Uniform angle: the mean of cos a and sin a is 0 with sd sqrt(1/2) each.
        let cosines = batch.points.rows.map { $0[0] / ($0[0] * $0[0] + $0[1] * $0[1]).squareRoot() }
        #expect(abs(mean(cosines)) <= zTolerance * (0.5 / Double(n)).squareRoot())
    }

    @Test("the noise is N(0, 0.02^2) per coordinate", arguments: 0..<3)
    func noiseLevel(seed: UInt64) {
        let z = standardisedNoise(noisy: TwoCircles(), clean: TwoCircles(noise: 0), noise: 0.02, count: 10_000, seed: seed)
        let check = expectStandardNormal(z)
        #expect(check.meanOK && check.sdOK, "noise mean \(check.mean), sd \(check.sd), seed \(seed)")
    }
}
