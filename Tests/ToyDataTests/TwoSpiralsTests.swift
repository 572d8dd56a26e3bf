import Foundation
import Testing
import Autodiff
import ToyData

@Suite("Two spirals")
struct TwoSpiralsTests {
    @Test("without noise each point satisfies r = 2 s and angle = 3 pi s + pi label", arguments: 0..<5)
    func noiseFreeGeometry(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let batch = TwoSpirals(noise: 0).sample(count: 2_000, using: &rng)
        for (i, row) in batch.points.rows.enumerated() {
            let r = (row[0] * row[0] + row[1] * row[1]).squareRoot()
            #expect(r <= 2 + 1e-12, "point \(row) beyond the outer radius, seed \(seed)")
            guard r > 1e-9 else { continue }  // the angle of the centre is undefined
            let s = r / 2
            let expectedAngle = 2 * Double.pi * 1.5 * s + Double.pi * Double(batch.labels[i])
            let gap = remainder(atan2(row[1], row[0]) - expectedAngle, 2 * Double.pi)
            #expect(abs(gap) < 1e-9, "point \(row) label \(batch.labels[i]): angle off by \(gap), seed \(seed)")
        }
    }

    @Test("each arm has probability 1/2", arguments: 0..<3)
    func armFrequencies(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 20_000
        let ones = TwoSpirals().sample(count: n, using: &rng).labels.filter { $0 == 1 }.count
        #expect(abs(Double(ones) / Double(n) - 0.5) <= zTolerance * binomialStandardError(p: 0.5, n: n), "seed \(seed)")
    }

    @Test("the noise is N(0, 0.05^2) per coordinate", arguments: 0..<3)
    func noiseLevel(seed: UInt64) {
        let z = standardisedNoise(noisy: TwoSpirals(), clean: TwoSpirals(noise: 0), noise: 0.05, count: 10_000, seed: seed)
        let check = expectStandardNormal(z)
        #expect(check.meanOK && check.sdOK, "noise mean \(check.mean), sd \(check.sd), seed \(seed)")
    }
}
