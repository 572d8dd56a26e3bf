import Foundation
import Testing
import Autodiff
import NeuralNet
@testable import Training

@Suite("Benchmark workloads")
struct BenchmarksTests {
    /// A setting that measures one call: enough to check the plumbing without timing anything.
    static let once = Benchmarks.Settings(warmup: 0, repeats: 1, minimumSeconds: 0)

    @Test("a workload is deterministic and trains both networks", arguments: Benchmarks.TrainingKind.allCases)
    func workloadTrains(_ kind: Benchmarks.TrainingKind) {
        let a = ToyGANWorkload(kind: kind, width: 8, batch: 16, seed: 3)
        let b = ToyGANWorkload(kind: kind, width: 8, batch: 16, seed: 3)
        let g0 = a.generator.parameters.map(\.value), d0 = a.discriminator.parameters.map(\.value)
        let la = (0..<3).map { _ in a.iterate() }, lb = (0..<3).map { _ in b.iterate() }
        #expect(la.map(\.discriminatorLoss) == lb.map(\.discriminatorLoss), "\(kind)")
        #expect(la.map(\.generatorLoss) == lb.map(\.generatorLoss), "\(kind)")
        #expect(la.allSatisfy { $0.discriminatorLoss.isFinite && $0.generatorLoss.isFinite }, "\(kind)")
        #expect(zip(a.generator.parameters, g0).allSatisfy { $0.value != $1 }, "\(kind): every generator parameter moves")
        let moved = zip(a.discriminator.parameters, d0).map { $0.value != $1 }
        switch kind {
        case .ns:
            #expect(moved.allSatisfy { $0 }, "every discriminator parameter moves")
        case .wganGP:
            // E D(fake) - E D(real) + penalty does not change when the critic's output bias does
            // (the penalty sees only the input gradient), so that bias gets exactly zero gradient
            // and Adam leaves it; every other parameter moves.
            #expect(moved.dropLast().allSatisfy { $0 } && moved.last == false, "\(moved)")
        }
        #expect(a.discriminator.widths == [2, 8, 8, 8, 1] && a.generator.widths == [2, 8, 8, 8, 2])
    }

    /// Before any update the non-saturating losses are cross-entropies of the initial logits,
    /// which a fresh network keeps near 0: the discriminator's loss starts near 2 log 2 and the
    /// generator's near log 2 (PyTorch's initialisation gives logits of order 0.1 here).
    @Test("the non-saturating losses start near 2 log 2 and log 2")
    func nonSaturatingLossesAtInitialisation() {
        let w = ToyGANWorkload(kind: .ns, width: 64, batch: 256, seed: 1)
        let (d, g) = w.iterate()
        #expect(Swift.abs(d - 2 * Foundation.log(2)) < 0.1, "\(d)")
        #expect(Swift.abs(g - Foundation.log(2)) < 0.1, "\(g)")
    }

    @Test("results carry torch_toy.py's JSON field names")
    func jsonFieldNames() throws {
        let m = Benchmarks.matmul(m: 8, k: 4, n: 16, settings: Self.once)
        #expect(m.gflops > 0 && m.seconds > 0 && m.kind == "matmul")
        let t = Benchmarks.training(.ns, width: 4, batch: 8, settings: Self.once)
        #expect(t.itersPerSecond > 0 && Swift.abs(t.itersPerSecond * t.seconds - 1) < 1e-12)
        let mKeys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as? [String: Any]).keys
        let tKeys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(t)) as? [String: Any]).keys
        #expect(Set(["kind", "m", "k", "n", "gflops"]).isSubset(of: Set(mKeys)))
        #expect(Set(["kind", "width", "batch", "iters_per_s"]).isSubset(of: Set(tKeys)))
    }

    @Test("the suite filtered to one kind runs only that kind, in the script's order")
    func suiteFilter() {
        // Only the names are checked: the matmul shapes are cheap enough to run once each here.
        let results = Benchmarks.suite(settings: Self.once, only: "matmul")
        let shapes = results.compactMap { r -> [Int]? in if case .matmul(let m) = r { [m.m, m.k, m.n] } else { nil } }
        #expect(shapes == Benchmarks.matmulShapes.map { [$0.0, $0.1, $0.2] })
        #expect(Benchmarks.kindNames == ["matmul", "wgan-gp", "ns"])
    }
}

@Suite("Benchmark losses")
struct BenchmarkLossTests {
    /// The critic loss against its definition, with the input gradient of D taken by central
    /// differences instead of autodiff: an independent route to the same number.
    @Test("the WGAN-GP critic loss equals its definition with a finite-difference input gradient", arguments: UInt64(0)..<5)
    func criticLossMatchesDefinition(seed: UInt64) {
        let w = ToyGANWorkload(kind: .wganGP, width: 6, batch: 4, seed: seed, penaltyWeight: 0.7)
        var rng = SeededGenerator(seed: seed &+ 50)
        let real = Tensor.randomNormal([4, 2], using: &rng), fake = Tensor.randomNormal([4, 2], using: &rng)
        let a = Tensor.randomUniform([4, 1], using: &rng)
        let loss = w.criticLoss(real: real, fake: fake, mix: a).scalar
        func critic(_ x: Tensor) -> [Double] { withoutGradients { w.discriminator(Variable(x), training: true).value.scalars } }
        let mixed = a * real + (1 - a) * fake
        let h = 1e-5
        var penalty = 0.0
        for i in 0..<4 {
            var squared = 0.0
            for j in 0..<2 {
                var plus = mixed, minus = mixed
                plus[i, j] += h; minus[i, j] -= h
                let slope = (critic(plus)[i] - critic(minus)[i]) / (2 * h)   // rows are independent samples
                squared += slope * slope
            }
            penalty += (squared.squareRoot() - 1) * (squared.squareRoot() - 1) / 4
        }
        let mean = { (v: [Double]) in v.reduce(0, +) / Double(v.count) }
        let expected = mean(critic(fake)) - mean(critic(real)) + 0.7 * penalty
        #expect(Swift.abs(loss - expected) <= 1e-7 * Swift.max(1, Swift.abs(expected)), "seed \(seed): \(loss) vs \(expected)")
    }

    /// The cross-entropies written with log and sigmoid directly (safe for these small logits).
    @Test("the non-saturating losses equal their cross-entropy definitions", arguments: UInt64(0)..<5)
    func nonSaturatingLossesMatchDefinition(seed: UInt64) {
        let w = ToyGANWorkload(kind: .ns, width: 6, batch: 5, seed: seed)
        var rng = SeededGenerator(seed: seed &+ 60)
        let real = Tensor.randomNormal([5, 2], using: &rng), fake = Tensor.randomNormal([5, 2], using: &rng)
        func logits(_ x: Tensor) -> [Double] { withoutGradients { w.discriminator(Variable(x), training: true).value.scalars } }
        let sigma = { (l: Double) in 1 / (1 + Foundation.exp(-l)) }
        let dExpected = -logits(real).map { Foundation.log(sigma($0)) }.reduce(0, +) / 5
            - logits(fake).map { Foundation.log(1 - sigma($0)) }.reduce(0, +) / 5
        let gExpected = -logits(fake).map { Foundation.log(sigma($0)) }.reduce(0, +) / 5
        let d = w.discriminatorLoss(real: Variable(real), fake: Variable(fake)).scalar
        let g = w.generatorLoss(fake: Variable(fake)).scalar
        #expect(Swift.abs(d - dExpected) <= 1e-12, "seed \(seed)")
        #expect(Swift.abs(g - gExpected) <= 1e-12, "seed \(seed)")
    }
}
