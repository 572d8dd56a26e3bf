import Foundation
import Autodiff
import Metrics
import Training

/// Growing a GAN: train at 4x4, fade in 8x8, train it, fade in 16x16, train it, and keep
/// snapshots of the same few latent vectors' images along the way, so the images can be watched
/// sharpening as each block fades in.
///
/// Each snapshot also scores the generator with the sliced Wasserstein-1 distance between
/// generated and real images (flattened to vectors of `R^2` pixels, the reals blended at the same
/// `alpha`), beside the same distance between two independent real batches: the floor that
/// sampling noise alone gives at that size.
public enum ProgressiveExperiment {
    public struct Settings: Sendable, Hashable, Codable {
        public var gan = ProgressiveGAN.Settings()
        /// Steps in each stable phase and each fade.
        public var stepsPerPhase: Int = 200
        /// Images shown per snapshot.
        public var samplesShown: Int = 3
        /// Images per side for the sliced W1 at each snapshot.
        public var metricSamples: Int = 128
        public init() {}

        /// A budget small enough for the lesson runner in a debug build: it shows the mechanics,
        /// not good images.
        public static var quick: Settings {
            var s = Settings()
            s.stepsPerPhase = 2
            s.gan.batchSize = 8
            s.gan.architecture.channels = [8, 8, 4]
            s.metricSamples = 32
            return s
        }
    }

    /// Generated images of the fixed latents at one moment of the run.
    public struct Snapshot: Codable, Sendable {
        /// What moment this is: `start`, `end of 4x4`, `fading in 8x8`, ...
        public var label: String
        /// Generator updates done so far.
        public var step: Int
        public var stage: GrowthStage
        /// `samplesShown` images, each `R` rows of `R` values in about `[-1, 1]`.
        public var images: [[[Double]]]
        /// Sliced W1 between `metricSamples` generated and real images at this stage.
        public var slicedW1: Double
        /// The same between two independent real batches: the noise floor.
        public var realFloor: Double
        public var seconds: Double
    }

    /// One phase: its stage, how long it took, and its mean losses.
    public struct Phase: Codable, Sendable {
        public var phase: GrowthSchedule.Phase
        public var level: Int
        public var resolution: Int
        public var steps: Int
        public var seconds: Double
        public var meanDiscriminatorLoss: Double
        public var meanGeneratorLoss: Double
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        /// A few real images at each resolution, lowest first.
        public var reals: [[[[Double]]]]
        public var snapshots: [Snapshot]
        public var phases: [Phase]
        public var parameterCounts: [String: Int]
        public var totalSeconds: Double
    }

    /// Runs the schedule and returns the snapshots.
    ///
    /// - Throws: `TrainingError.invalidConfig` for impossible settings, `TrainingError.nonFinite`
    ///   if training breaks down.
    public static func run(settings: Settings, seed: UInt64,
                           progress: @escaping ProgressHandler = ignoreProgress) throws -> Result {
        guard settings.stepsPerPhase >= 1, settings.samplesShown >= 1, settings.metricSamples >= 2 else {
            throw TrainingError.invalidConfig("need at least 1 step per phase, 1 sample shown and 2 metric samples")
        }
        let gan = try ProgressiveGAN(settings: settings.gan, seed: seed)
        let arch = settings.gan.architecture
        let schedule = GrowthSchedule(finalLevel: arch.finalLevel, stepsPerPhase: settings.stepsPerPhase)
        var evaluationStream = SeededGenerator(seed: seed &+ 0xE7A1)
        let shownLatents = Tensor.randomNormal([settings.samplesShown, arch.latentSize], using: &evaluationStream)
        let metricLatents = Tensor.randomNormal([settings.metricSamples, arch.latentSize], using: &evaluationStream)
        let metricSeed = evaluationStream.next()
        let clock = ContinuousClock(), start = clock.now

        // A few real images at every resolution, for the report.
        let full = gan.data.sample(count: settings.samplesShown, using: &evaluationStream).images
        let reals = (0...arch.finalLevel).map { images(ShapeImages.downsampled(full, to: 4 << $0)) }

        var snapshots: [Snapshot] = []
        var step = 0
        func snapshot(_ label: String, _ stage: GrowthStage) {
            let (sw, floor) = slicedScores(gan, stage: stage, latents: metricLatents, seed: metricSeed)
            snapshots.append(Snapshot(label: label, step: step, stage: stage,
                                      images: images(gan.generate(shownLatents, stage: stage)),
                                      slicedW1: sw, realFloor: floor,
                                      seconds: durationSeconds(start.duration(to: clock.now))))
        }

        snapshot("start", GrowthStage(level: 0))
        var phases: [Phase] = []
        for (kind, level) in schedule.phases {
            if settings.gan.resetOptimizersEachPhase { gan.resetOptimizers() }
            let r = 4 << level
            if kind == .fade { snapshot("fading in \(r)x\(r), start", schedule.stage(.fade, level: level, step: 0)) }
            let phaseStart = clock.now
            var dSum = 0.0, gSum = 0.0
            for t in 1...settings.stepsPerPhase {
                let stage = schedule.stage(kind, level: level, step: t)
                step += 1
                progress(ProgressReport("\(kind == .fade ? "fading in" : "training") \(r)x\(r)", done: step,
                                        total: schedule.phases.count * settings.stepsPerPhase))
                let losses = try gan.trainStep(stage: stage, step: step)
                dSum += losses.discriminator; gSum += losses.generator
                if kind == .fade && t == settings.stepsPerPhase / 2 && t > 0 && t < settings.stepsPerPhase {
                    snapshot("fading in \(r)x\(r)", stage)
                }
            }
            let n = Double(settings.stepsPerPhase)
            phases.append(Phase(phase: kind, level: level, resolution: r, steps: settings.stepsPerPhase,
                                seconds: durationSeconds(phaseStart.duration(to: clock.now)),
                                meanDiscriminatorLoss: dSum / n, meanGeneratorLoss: gSum / n))
            snapshot(kind == .fade ? "fading in \(r)x\(r), end" : "end of \(r)x\(r)", schedule.stage(kind, level: level, step: settings.stepsPerPhase))
        }
        let counts = ["generator": gan.generator.parameters, "discriminator": gan.discriminator.parameters]
            .mapValues { $0.reduce(0) { $0 + $1.value.count } }
        return Result(settings: settings, reals: reals, snapshots: snapshots, phases: phases, parameterCounts: counts,
                      totalSeconds: durationSeconds(start.duration(to: clock.now)))
    }

    /// Sliced W1 of generated images against a real batch, and the floor: a second real batch
    /// against the first. The same real batches and directions at every snapshot of a stage
    /// (`seed`), so scores compare.
    static func slicedScores(_ gan: ProgressiveGAN, stage: GrowthStage, latents: Tensor, seed: UInt64) -> (Double, Double) {
        let n = latents.shape[0]
        var rng = SeededGenerator(seed: seed)
        let a = gan.realBatch(count: n, stage: stage, using: &rng).reshaped([n, -1])
        let b = gan.realBatch(count: n, stage: stage, using: &rng).reshaped([n, -1])
        let fake = gan.generate(latents, stage: stage).reshaped([n, -1])
        var directions = rng, directions2 = rng
        return (slicedWasserstein1(fake, a, projections: 64, using: &directions),
                slicedWasserstein1(b, a, projections: 64, using: &directions2))
    }

    /// `[N, 1, R, R]` images as `N` arrays of `R` rows (the first channel).
    static func images(_ t: Tensor) -> [[[Double]]] {
        let (n, r) = (t.shape[0], t.shape[2])
        let plane = t.shape[1] * r * r
        return (0..<n).map { i in
            (0..<r).map { y in Array(t.scalars[(i * plane + y * r)..<(i * plane + (y + 1) * r)]) }
        }
    }
}

/// A duration in seconds, as a `Double`.
func durationSeconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
