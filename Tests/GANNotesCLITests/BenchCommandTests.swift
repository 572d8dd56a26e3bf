import Foundation
import Testing
import Autodiff
import JSDivergence
import Training
import WassersteinBounds
@testable import GANNotesCLI

@Suite("gan-notes bench")
struct BenchCommandTests {
    @Test("--json --only matmul prints one JSON object per shape with the script's fields")
    func jsonLines() throws {
        let (io, captured) = IO.capture()
        let status = GANNotes().run(arguments: ["bench", "--json", "--quick", "--only", "matmul"], io: io)
        #expect(status == 0)
        let lines = captured.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        let peak = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(peak["kind"] as? String == "fma-peak")
        let onePeak = try #require(peak["gflops_per_cpu_second_one_core"] as? Double)
        #expect(onePeak > 0 && (peak["gflops_all_cores"] as? Double).map { $0 > 0 } == true)
        for (line, shape) in zip(lines.dropFirst(), [(256, 512, 512), (256, 128, 128), (64, 64, 64)]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["kind"] as? String == "matmul")
            #expect(object["m"] as? Int == shape.0 && object["k"] as? Int == shape.1 && object["n"] as? Int == shape.2)
            let gflops = try #require(object["gflops"] as? Double)
            #expect(gflops > 0)
            let share = try #require(object["share_of_one_core_peak"] as? Double)
            let perCPUSecond = 2 * Double(shape.0 * shape.1 * shape.2) / (object["cpu_seconds"] as? Double ?? .nan) / 1e9
            #expect(Swift.abs(share - perCPUSecond / onePeak) <= 1e-9 * share, "the share is FLOPs per CPU second over the peak's")
        }
    }

    @Test("an unknown workload is a usage error")
    func unknownWorkload() {
        let (io, captured) = IO.capture()
        #expect(GANNotes().run(arguments: ["bench", "--only", "conv"], io: io) == 2)
        #expect(captured.standardError.contains("conv"))
    }

    /// The bench's training workloads are the notes' objectives in the real trainer, with the
    /// reference script's settings, deterministic, and they train both networks.
    @Test("a training workload is the real objective in the trainer: deterministic, both networks move", arguments: Benchmarks.TrainingKind.allCases)
    func workloadTrains(_ kind: Benchmarks.TrainingKind) throws {
        let a = try BenchWorkloads.trainer(kind, width: 8, batch: 16, seed: 3)
        let b = try BenchWorkloads.trainer(kind, width: 8, batch: 16, seed: 3)
        switch kind {
        case .wganGP:
            let objective = try #require(a.objective as? WGANGP)
            #expect(objective.penaltyWeight == 0.1 && a.config.nCritic == 5)
        case .ns:
            let objective = try #require(a.objective as? StandardGAN)
            #expect(objective.generatorLossKind == .nonSaturating && a.config.nCritic == 1)
        }
        #expect(a.config.generatorOptimizer == .adam(1e-4, beta1: 0.5, beta2: 0.9) && a.config.discriminatorOptimizer == a.config.generatorOptimizer)
        #expect(a.config.batchSize == 16 && a.config.width == 8 && a.config.depth == 3)
        let g0 = a.generator.parameters.map(\.value), d0 = a.discriminator.parameters.map(\.value)
        for _ in 0..<3 { try a.trainStep(); try b.trainStep() }
        #expect(zip(a.generator.parameters, b.generator.parameters).allSatisfy { $0.value == $1.value }, "\(kind): same seed, same generator")
        #expect(zip(a.discriminator.parameters, b.discriminator.parameters).allSatisfy { $0.value == $1.value }, "\(kind): same seed, same discriminator")
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
        #expect(a.log.count == 1 && a.log[0].metrics == nil, "no metrics inside the timed steps")
    }
}
