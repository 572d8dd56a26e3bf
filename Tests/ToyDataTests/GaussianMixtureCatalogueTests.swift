import Foundation
import Testing
import ToyData

@Suite("The named Gaussian mixtures")
struct GaussianMixtureCatalogueTests {
    func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    @Test("ring8 has 8 distinct modes on the unit circle, neighbours 2 sin(pi/8) apart")
    func ring8HasEightDistinctModes() {
        // Catches the linspace(0, 2 pi, 8) bug: its first and last means coincide (distance 0)
        // and its neighbours are 2 sin(pi/7) apart.
        let ring = GaussianMixture.ring8()
        #expect(ring.means.count == 8)
        for i in 0..<8 {
            #expect(abs(distance(ring.means[i], [0, 0]) - 1) < 1e-12, "mode \(i) off the unit circle")
            for j in (i + 1)..<8 {
                let steps = min(j - i, 8 - (j - i))
                let expected = 2 * sin(Double.pi * Double(steps) / 8)
                #expect(abs(distance(ring.means[i], ring.means[j]) - expected) < 1e-12,
                        "modes \(i), \(j): distance \(distance(ring.means[i], ring.means[j])), expected \(expected)")
            }
        }
        #expect(abs(ring.means[2][0]) < 1e-15 && abs(ring.means[2][1] - 1) < 1e-15, "mode 2 is at angle pi/2")
        #expect(ring.stds.allSatisfy { $0 == 0.01 } && ring.weights.allSatisfy { abs($0 - 1.0 / 8) < 1e-15 })
    }

    @Test("grid25 has its means on {-4, -2, 0, 2, 4}^2 with sd 0.05")
    func grid25Means() {
        let grid = GaussianMixture.grid25()
        let expected = Set([-4.0, -2, 0, 2, 4].flatMap { a in [-4.0, -2, 0, 2, 4].map { b in [a, b] } })
        #expect(Set(grid.means) == expected && grid.means.count == 25)
        #expect(grid.means[7] == [-2, 0], "label 5 i + j is mode (-4 + 2 i, -4 + 2 j)")
        #expect(grid.stds.allSatisfy { $0 == 0.05 })
    }

    @Test("8gaussians: the gan_toy.py centres at radius 2, then divided by 1.414")
    func eightGaussiansConstants() {
        let m = GaussianMixture.eightGaussians
        #expect(m.means.count == 8)
        for (i, mean) in m.means.enumerated() {
            #expect(abs(distance(mean, [0, 0]) - 2 / 1.414) < 1e-12, "mode \(i) radius")
        }
        // Eight distinct compass directions: the angles are the multiples of pi/4.
        let angles = Set(m.means.map { Int((atan2($0[1], $0[0]) / (Double.pi / 4)).rounded()) & 7 })
        #expect(angles == Set(0..<8))
        #expect(m.means[0] == [2 / 1.414, 0])
        #expect(m.stds.allSatisfy { $0 == 0.02 / 1.414 })
    }

    @Test("25gaussians: grid {-2..2}^2 times 2, divided by 2.828, sd 0.05/2.828")
    func twentyFiveGaussiansConstants() {
        let m = GaussianMixture.twentyFiveGaussians
        let coordinates = (-2...2).map { 2 * Double($0) / 2.828 }
        let expected = Set(coordinates.flatMap { a in coordinates.map { b in [a, b] } })
        #expect(Set(m.means) == expected && m.means.count == 25)
        #expect(m.stds.allSatisfy { $0 == 0.05 / 2.828 })
    }

    @Test("mixture1d: two Gaussians at -2 and 2 with sd 0.5, equal weights")
    func mixture1DConstants() {
        let m = GaussianMixture.mixture1D()
        #expect(m.means == [[-2], [2]] && m.stds == [0.5, 0.5] && m.weights == [0.5, 0.5] && m.dimension == 1)
    }
}
