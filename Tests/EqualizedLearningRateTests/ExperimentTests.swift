import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
@testable import EqualizedLearningRate

/// The non-saturating GAN loss, written here so this module's tests need no other note.
final class TestLogisticGAN: GANObjective {
    var name: String { "test-gan" }
    var summary: String { "non-saturating GAN, for tests" }
    var recommendedSettings: ObjectiveSettings {
        ObjectiveSettings(generatorOptimizer: .adam(1e-3, beta1: 0.5), discriminatorOptimizer: .adam(1e-3, beta1: 0.5))
    }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        LossTerms(loss: (-discriminator(real, training: true)).softplus().mean() + discriminator(fake, training: true).softplus().mean())
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: (-discriminator(fake, training: true)).softplus().mean())
    }
}

@Suite("Note 4's experiments")
struct ExperimentTests {
    @Test("equalized-lr: the ordinary layers' speeds spread by about sqrt(fan-in ratio), the equalized ones' do not")
    func equalizedLearningRate() throws {
        let r = try EqualizedLearningRateExperiment.run(settings: .quick, seed: 1)    // fan-ins 2, 128, 8
        let ordinary = try #require(r.variants.first { !$0.equalized })
        let equalized = try #require(r.variants.first { $0.equalized })
        #expect(r.initialOutputDifference < 1e-12)
        #expect(ordinary.layers.map(\.fanIn) == [2, 128, 8])
        // Ordinary: u ~ lr sqrt(fan_in / 2) (gain 1 on the last layer: lr sqrt(fan_in)), so the
        // widest layer moves sqrt(128 / 2) = 8 times faster than the first.
        let o = ordinary.layers.map(\.meanRelativeUpdate)
        #expect(o[1] / o[0] > 8 / 1.6 && o[1] / o[0] < 8 * 1.6, "\(o)")
        #expect(equalized.spread < 1.5, "\(equalized.layers.map(\.meanRelativeUpdate))")
        for layer in equalized.layers {
            #expect(Swift.abs(layer.meanRelativeUpdate / r.settings.learningRate - 1) < 0.5, "\(layer)")
            #expect(Swift.abs(layer.storedWeightRMS - 1) < 0.3, "\(layer)")
        }
        #expect(r.windowEnds == [5, 10, 15, 20])
        #expect(ordinary.layers.allSatisfy { $0.relativeUpdates.count == 4 })
    }

    @Test("pixel-norm: both variants start from the same generator; with pixel norm every layer passes on unit RMS")
    func pixelNorm() throws {
        let r = try PixelNormExperiment.run(settings: .quick, seed: 2) { TestLogisticGAN() }
        #expect(r.variants.map(\.pixelNorm) == [false, true])
        for v in r.variants {
            #expect(v.failure == nil)
            #expect(v.steps == [0, 5, 10, 15, 20])
            #expect(v.rms.count == 5 && v.rms.allSatisfy { $0.count == 2 && $0.allSatisfy { $0 > 0 && $0.isFinite } })
            #expect(v.peakRMS == v.rms.flatMap { $0 }.max())
        }
        // Same seed, same first layer: identical before training.
        #expect(r.variants[0].rms[0][0] == r.variants[1].rms[0][0])

        var rng = SeededGenerator(seed: 3)
        let g = ToyProgressiveGenerator(widths: [2, 16, 16, 2], pixelNorm: true, using: &rng)
        let z = Variable(Tensor.randomNormal([64, 2], using: &rng) * 7)
        for h in g.activations(z).hidden {
            let normalised = PixelNorm()(h, training: true).value
            #expect(normalised.square().mean(alongAxes: [1]).scalars.allSatisfy { Swift.abs($0 - 1) < 1e-6 })
        }
    }

    @Test("pixel-norm escalation: the deepest layer's last RMS over its first, above 1 when it grew and below when it fell")
    func escalationStatistic() {
        // Records of two hidden layers: only the deepest (last) column counts.
        #expect(PixelNormExperiment.escalation(of: [[1, 2], [5, 3], [1, 4]]) == 2)
        #expect(PixelNormExperiment.escalation(of: [[1, 2], [9, 1]]) == 0.5)
        #expect(PixelNormExperiment.escalation(of: [[1, 2]]) == 1)
        #expect(PixelNormExperiment.escalation(of: []).isNaN)
    }

    @Test("pixel-norm over seeds: every seed trains both variants, and the statistics compare what the runs recorded")
    func pixelNormOverSeeds() throws {
        var s = PixelNormExperiment.Settings.quick
        s.steps = 10; s.seeds = 3; s.evaluationSamples = 50
        let r = try PixelNormExperiment.run(settings: s, seed: 4) { TestLogisticGAN() }
        #expect(r.variants.map(\.seed) == [4, 4, 5, 5, 6, 6])
        #expect(r.variants.map(\.pixelNorm) == [false, true, false, true, false, true])
        for v in r.variants {
            #expect(v.escalation == PixelNormExperiment.escalation(of: v.rms), "seed \(v.seed)")
        }
        let without = r.variants.filter { !$0.pixelNorm }.map(\.escalation), with = r.variants.filter(\.pixelNorm).map(\.escalation)
        #expect(r.escalation.a.count == 3 && r.escalation.b.count == 3)
        #expect(Swift.abs(r.escalation.a.mean - without.reduce(0, +) / 3) < 1e-12)
        #expect(Swift.abs(r.escalation.difference - (with.reduce(0, +) - without.reduce(0, +)) / 3) < 1e-12)
        #expect(r.escalation.pValue > 0 && r.escalation.pValue <= 1)
        let modes = try #require(r.modes)
        #expect(modes.a.count == 3 && modes.pValue > 0 && modes.pValue <= 1)
        // Same seed, same runs, whatever the number of threads.
        s.jobs = 1
        let again = try PixelNormExperiment.run(settings: s, seed: 4) { TestLogisticGAN() }
        #expect(again.variants.map(\.rms) == r.variants.map(\.rms))
    }

    @Test("progressive: the snapshots follow the schedule, at the right sizes, and the same seed gives the same images")
    func progressive() throws {
        var s = ProgressiveExperiment.Settings.quick
        s.gan.architecture.channels = [2, 2, 2]; s.gan.batchSize = 4; s.metricSamples = 8
        let r = try ProgressiveExperiment.run(settings: s, seed: 5)
        #expect(r.snapshots.map(\.label) == [
            "start", "end of 4x4",
            "fading in 8x8, start", "fading in 8x8", "fading in 8x8, end", "end of 8x8",
            "fading in 16x16, start", "fading in 16x16", "fading in 16x16, end", "end of 16x16",
        ])
        #expect(r.snapshots.map(\.stage.alpha) == [1, 1, 0, 0.5, 1, 1, 0, 0.5, 1, 1])
        #expect(r.snapshots.map(\.step) == [0, 2, 2, 3, 4, 6, 6, 7, 8, 10])
        for snap in r.snapshots {
            #expect(snap.images.count == 3 && snap.images.allSatisfy { $0.count == snap.stage.resolution && $0[0].count == snap.stage.resolution })
            #expect(snap.slicedW1 > 0 && snap.realFloor > 0)
        }
        #expect(r.reals.map { $0[0].count } == [4, 8, 16])
        #expect(r.phases.map(\.resolution) == [4, 8, 8, 16, 16])
        let again = try ProgressiveExperiment.run(settings: s, seed: 5)
        #expect(again.snapshots.map(\.images) == r.snapshots.map(\.images))
        #expect(again.snapshots.map(\.slicedW1) == r.snapshots.map(\.slicedW1))
    }

    @Test("impossible settings are refused with a sentence, not a trap")
    func badSettings() {
        var s = ProgressiveGAN.Settings()
        s.batchSize = 1
        #expect(throws: TrainingError.invalidConfig("batch size must be at least 2, got 1")) { try ProgressiveGAN(settings: s, seed: 0) }
        var e = EqualizedLearningRateExperiment.Settings.quick
        e.widths = [3, 4, 1]
        #expect(throws: TrainingError.self) { try EqualizedLearningRateExperiment.run(settings: e, seed: 0) }
    }
}
