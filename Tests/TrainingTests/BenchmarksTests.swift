import Foundation
import Testing
import Autodiff
import NeuralNet
@testable import Training

@Suite("Benchmark workloads")
struct BenchmarksTests {
    /// A setting that measures one call: enough to check the plumbing without timing anything.
    static let once = Benchmarks.Settings(warmup: 0, repeats: 1, minimumSeconds: 0)

    /// A stand-in workload that counts its set-ups and iterations.
    final class Counter: @unchecked Sendable {
        var setUps: [(Benchmarks.TrainingKind, Int, Int)] = [], iterations = 0
        var workload: Benchmarks.TrainingWorkload {
            { kind, width, batch in self.setUps.append((kind, width, batch)); return { self.iterations += 1 } }
        }
    }

    @Test("results carry torch_toy.py's JSON field names")
    func jsonFieldNames() throws {
        let m = Benchmarks.matmul(m: 8, k: 4, n: 16, settings: Self.once)
        #expect(m.gflops > 0 && m.seconds > 0 && m.kind == "matmul")
        let counter = Counter()
        let t = try Benchmarks.training(.ns, width: 4, batch: 8, settings: Self.once, workload: counter.workload)
        #expect(counter.setUps.count == 1 && counter.setUps[0].0 == .ns && counter.setUps[0].1 == 4 && counter.setUps[0].2 == 8)
        #expect(counter.iterations == 2, "no warm-up: one call to size the repeat, one timed call")
        #expect(t.itersPerSecond > 0 && Swift.abs(t.itersPerSecond * t.seconds - 1) < 1e-12)
        let mKeys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as? [String: Any]).keys
        let tKeys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(t)) as? [String: Any]).keys
        #expect(Set(["kind", "m", "k", "n", "gflops"]).isSubset(of: Set(mKeys)))
        #expect(Set(["kind", "width", "batch", "iters_per_s"]).isSubset(of: Set(tKeys)))
    }

    @Test("the suite filtered to one kind runs only that kind, in the script's order")
    func suiteFilter() throws {
        // Only the names are checked: the matmul shapes are cheap enough to run once each here.
        let counter = Counter()
        let results = try Benchmarks.suite(settings: Self.once, only: "matmul", training: counter.workload)
        #expect(counter.setUps.isEmpty)
        guard case .peak(let peak) = results.first else { Issue.record("the FMA peak comes first"); return }
        #expect(peak.oneCore > 0 && peak.oneCoreCPU > 0 && peak.allCores > 0 && peak.lanes == FMAPeak.lanes)
        let shapes = results.compactMap { r -> [Int]? in if case .matmul(let m) = r { [m.m, m.k, m.n] } else { nil } }
        #expect(shapes == Benchmarks.matmulShapes.map { [$0.0, $0.1, $0.2] })
        #expect(Benchmarks.kindNames == ["matmul", "wgan-gp", "ns"])
        let training = try Benchmarks.suite(settings: Self.once, only: "ns", training: counter.workload)
        #expect(counter.setUps.map { [$0.1, $0.2] } == [[128, 256], [512, 256]] && counter.setUps.allSatisfy { $0.0 == .ns })
        #expect(training.count == 2 && counter.iterations == 4)
    }

    struct Failing: Error {}

    @Test("a workload that throws stops the suite with its error")
    func failingWorkload() {
        #expect(throws: Failing.self) {
            try Benchmarks.suite(settings: Self.once, only: "wgan-gp", training: { _, _, _ in { throw Failing() } })
        }
    }
}
