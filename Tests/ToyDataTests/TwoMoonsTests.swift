import Foundation
import Testing
import Autodiff
import ToyData

@Suite("Two moons")
struct TwoMoonsTests {
    @Test("each moon has mean and variance of its arc plus the noise, and probability 1/2", arguments: 0..<3)
    func perMoonMoments(seed: UInt64) {
        // For t ~ U[0, pi): E cos t = 0, E sin t = 2/pi, Var cos t = 1/2, Var sin t = 1/2 - 4/pi^2.
        let noise = 0.05
        var rng = SeededGenerator(seed: seed)
        let n = 40_000
        let batch = TwoMoons(noise: noise).sample(count: n, using: &rng)
        let expectedMeans = [[0, 2 / Double.pi], [1, 0.5 - 2 / Double.pi]]
        let expectedVariances = [0.5 + noise * noise, 0.5 - 4 / (Double.pi * Double.pi) + noise * noise]
        for label in 0..<2 {
            let rows = batch.points.rows.enumerated().filter { batch.labels[$0.offset] == label }.map(\.element)
            #expect(abs(Double(rows.count) / Double(n) - 0.5) <= zTolerance * binomialStandardError(p: 0.5, n: n),
                    "moon \(label) drew \(rows.count) of \(n), seed \(seed)")
            for j in 0..<2 {
                let values = rows.map { $0[j] }
                let sd = expectedVariances[j].squareRoot()
                #expect(abs(mean(values) - expectedMeans[label][j]) <= zTolerance * sd / Double(rows.count).squareRoot(),
                        "moon \(label) coordinate \(j): mean \(mean(values)) vs \(expectedMeans[label][j]), seed \(seed)")
                // The coordinates are not normal, so the sd's standard error is taken from the
                // fourth moment of the sample: se(s^2) = sqrt((m4 - s^4) / n).
                let m = mean(values)
                let m4 = values.reduce(0) { $0 + pow($1 - m, 4) } / Double(values.count)
                let s2 = pow(standardDeviation(values), 2)
                let se = ((m4 - s2 * s2) / Double(values.count)).squareRoot()
                #expect(abs(s2 - expectedVariances[j]) <= zTolerance * se,
                        "moon \(label) coordinate \(j): variance \(s2) vs \(expectedVariances[j]), seed \(seed)")
            }
        }
    }

    @Test("the noise is N(0, 0.05^2) per coordinate", arguments: 0..<3)
    func noiseLevel(seed: UInt64) {
        let z = standardisedNoise(noisy: TwoMoons(), clean: TwoMoons(noise: 0), noise: 0.05, count: 10_000, seed: seed)
        let check = expectStandardNormal(z)
        #expect(check.meanOK && check.sdOK, "noise mean \(check.mean), sd \(check.sd), seed \(seed)")
    }

    @Test("without noise the upper moon lies on the unit circle and the lower on the circle about (1, 1/2)")
    func noiseFreeGeometry() {
        var rng = SeededGenerator(seed: 11)
        let batch = TwoMoons(noise: 0).sample(count: 2_000, using: &rng)
        for (i, row) in batch.points.rows.enumerated() {
            let centre: [Double] = batch.labels[i] == 0 ? [0, 0] : [1, 0.5]
            let r = ((row[0] - centre[0]) * (row[0] - centre[0]) + (row[1] - centre[1]) * (row[1] - centre[1])).squareRoot()
            #expect(abs(r - 1) < 1e-12, "point \(row) label \(batch.labels[i])")
            #expect(batch.labels[i] == 0 ? row[1] >= 0 : row[1] <= 0.5, "point \(row) on the wrong half")
        }
    }
}
