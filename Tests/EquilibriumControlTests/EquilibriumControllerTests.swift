import Testing
import Autodiff
@testable import EquilibriumControl

/// Loss sequences a controller might meet: ordinary ones, huge ones, infinities and NaNs.
func adversarialLosses(count: Int, using rng: inout SeededGenerator) -> [Double] {
    (0..<count).map { _ in
        switch rng.nextInt(below: 10) {
        case 0: Double.infinity
        case 1: -Double.infinity
        case 2: Double.nan
        case 3: 1e300 * (rng.nextUniform() - 0.5)
        case 4: Double.greatestFiniteMagnitude
        default: 4 * rng.nextUniform() - 1          // includes negative "losses", which a bug might produce
        }
    }
}

@Suite("BEGAN's proportional controller")
struct EquilibriumControllerTests {
    @Test("k stays in [0, 1] for arbitrary and adversarial loss sequences, whatever gamma and gain",
          arguments: 0..<20)
    func staysInUnitInterval(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let gamma = 2 * rng.nextUniform(), gain = seed.isMultiple(of: 2) ? 0.001 : 50 * rng.nextUniform()
        let real = adversarialLosses(count: 500, using: &rng), fake = adversarialLosses(count: 500, using: &rng)
        let ks = EquilibriumController.trajectory(gamma: gamma, gain: gain, initialK: rng.nextUniform(),
                                                  realLosses: real, fakeLosses: fake)
        #expect(ks.count == 501, "seed \(seed)")
        #expect(ks.allSatisfy { $0 >= 0 && $0 <= 1 }, "seed \(seed): \(ks.filter { !($0 >= 0 && $0 <= 1) }.prefix(3))")
    }

    @Test("k does not move when gamma L(x) = L(G(z))", arguments: 0..<20)
    func stillAtBalance(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        // gamma = 1/2^m and L(x) = integer / 2^j make gamma L(x) exact, so the error is exactly 0.
        let gamma = 1 / Double(1 << rng.nextInt(below: 4))
        let k0 = rng.nextUniform()
        let real = (0..<100).map { _ in Double(rng.nextInt(below: 1000)) / 64 }
        let ks = EquilibriumController.trajectory(gamma: gamma, gain: 0.001, initialK: k0,
                                                  realLosses: real, fakeLosses: real.map { gamma * $0 })
        #expect(ks.allSatisfy { $0 == k0 }, "seed \(seed)")
    }

    @Test("k rises by exactly lambda_k e when L(G(z)) < gamma L(x) and falls when it is larger", arguments: 0..<20)
    func direction(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let gamma = 0.3 + 0.7 * rng.nextUniform(), gain = 0.001 + 0.01 * rng.nextUniform()
        let realLoss = 0.1 + rng.nextUniform()
        let fakeLoss = gamma * realLoss * (0.1 + 1.8 * rng.nextUniform())
        var c = EquilibriumController(gamma: gamma, gain: gain, initialK: 0.5)
        let k = c.update(realLoss: realLoss, fakeLoss: fakeLoss)
        let expected = 0.5 + gain * (gamma * realLoss - fakeLoss)
        #expect(Swift.abs(k - expected) <= 1e-15, "seed \(seed)")
        if fakeLoss < gamma * realLoss { #expect(k > 0.5, "seed \(seed): generator rebuilt too well, k must rise") }
        if fakeLoss > gamma * realLoss { #expect(k < 0.5, "seed \(seed): generator rebuilt too badly, k must fall") }
    }

    @Test("the clamp is exact: steps past 1 give exactly 1, past 0 exactly 0, and k leaves the bound again")
    func clampIsExact() {
        var c = EquilibriumController(gamma: 1, gain: 0.1, initialK: 0.95)
        #expect(c.update(realLoss: 1, fakeLoss: 0) == 1)          // 0.95 + 0.1 would be 1.05
        #expect(c.update(realLoss: 1, fakeLoss: 0) == 1)
        #expect(c.update(realLoss: 0, fakeLoss: 2) == 0.8)        // 1 - 0.2: it can come back down
        #expect(c.update(realLoss: 0, fakeLoss: 100) == 0)        // 0.8 - 10
        #expect(c.update(realLoss: 0, fakeLoss: 1) == 0)
        #expect(c.update(realLoss: 0.5, fakeLoss: 0) == 0.05)
    }

    @Test("non-finite errors: NaN leaves k alone, +inf clamps to 1, -inf to 0")
    func nonFinite() {
        var c = EquilibriumController(gamma: 0.5, gain: 0.001, initialK: 0.3)
        #expect(c.update(realLoss: .nan, fakeLoss: 1) == 0.3)
        #expect(c.update(realLoss: .infinity, fakeLoss: .infinity) == 0.3)     // inf - inf is NaN
        #expect(c.update(realLoss: .infinity, fakeLoss: 0) == 1)
        #expect(c.update(realLoss: 0, fakeLoss: .infinity) == 0)
    }

    @Test("from k_0 = 0 with lambda_k = 0.001, a constant error e gives k_t = min(0.001 e t, 1)")
    func constantError() {
        let ks = EquilibriumController.trajectory(realLosses: Array(repeating: 1, count: 5000),
                                                  fakeLosses: Array(repeating: 0.25, count: 5000))
        // e = 0.5 * 1 - 0.25 = 0.25 per step: k reaches 1 after 4000 steps and stays there.
        #expect(Swift.abs(ks[1000] - 0.25) <= 1e-12)
        #expect(Swift.abs(ks[2000] - 0.5) <= 1e-12)
        #expect(ks[4100] == 1 && ks[5000] == 1)
    }

    @Test("M_global = L(x) + |gamma L(x) - L(G(z))|, smallest at the balance for a given L(x)")
    func convergenceMeasure() {
        let c = EquilibriumController(gamma: 0.5)
        #expect(c.convergenceMeasure(realLoss: 0.4, fakeLoss: 0.2) == 0.4)
        #expect(Swift.abs(c.convergenceMeasure(realLoss: 0.4, fakeLoss: 0.5) - 0.7) <= 1e-15)
        #expect(Swift.abs(c.convergenceMeasure(realLoss: 0.4, fakeLoss: 0.0) - 0.6) <= 1e-15)
    }
}
