import Foundation
import Testing
import Autodiff
import ToyData
import JSDivergence
@testable import Training

@Suite("The trainer at the edges")
struct TrainerEdgeTests {
    @Test("points far beyond the data (1e200) measure as infinitely far, without trapping in exact W1")
    func hugePointsMeasureInfinite() throws {
        let data = try ToyDatasets.named("ring8")
        var rng = SeededGenerator(seed: 4)
        let far = Tensor(shape: [20, 2], scalars: (0..<40).map { Double($0 + 1) * 1e200 })
        let m = Evaluation.measure(generated: far, data: data, using: &rng)
        #expect(m.w1 == .infinity && m.mmd == .infinity)
        let near = Tensor(shape: [20, 2], scalars: (0..<40).map { Double($0) * 1e-2 })
        #expect(Evaluation.measure(generated: near, data: data, using: &rng).w1.isFinite)
    }

    @Test("samples made in chunks equal the samples made at once, bit for bit, for odd counts and noise sizes",
          arguments: [(1, 2), (9, 4), (10_001, 2), (301, 3)])
    func chunkedSamplesMatch(count: Int, noise: Int) throws {
        var config = TrainingConfig(objective: "gan", data: "ring8", settings: StandardGAN().recommendedSettings)
        config.width = 8; config.depth = 1; config.noiseDimension = noise
        let trainer = try GANTrainer(config: config, objective: StandardGAN(), data: try ToyDatasets.named("ring8"))
        var chunks: [Double] = []
        trainer.forEachSampleChunk(count: count, seed: 11, chunkRows: 100) { chunks += $0.scalars; return true }
        #expect(chunks == trainer.sample(count: count, seed: 11).scalars, "count \(count), noise \(noise)")
    }

    @Test("configurations past the size limits are refused by name")
    func sizeLimits() {
        var config = TrainingConfig(objective: "gan", data: "ring8", settings: StandardGAN().recommendedSettings)
        config.width = 1_000_000_000
        #expect(config.problem() == "width must be at most 4096, got 1000000000")
        config.width = 8; config.batchSize = 1 << 62
        #expect(config.problem() == "batch size must be at most 65536, got \(1 << 62)")
        config.batchSize = 8; config.generatorOptimizer.alpha = -0.1
        #expect(config.problem() == "the generator's RMSProp alpha must lie in [0, 1), got -0.1")
    }
}
