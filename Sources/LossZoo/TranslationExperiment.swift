import Foundation
import Autodiff
import Metrics
import ToyData
import Training

/// The translation experiment: CycleGAN maps one 2-D distribution onto another without pairs,
/// trained with several weightings of its cycle and identity terms to show what each is for.
///
/// ```
/// W1 to target   = exact W1(G_AB(a), b') on up to 512 points   (and W1(G_BA(b), a'))
/// cycle error    = mean |G_BA(G_AB(a)) - a|                     (and mean |G_AB(G_BA(b)) - b|), Euclidean
/// ```
///
/// For reading them: W1 between the two domains before any translation, and W1 between two
/// samples of the target (the finite-sample floor). The default pair, two moons to two circles,
/// has no exact answer: two arcs cannot be mapped continuously and one-to-one onto two closed
/// loops, so matching the target distribution and being invertible pull against each other.
public struct TranslationSettings: Codable, Sendable, Hashable {
    /// Domain A and domain B, toy distributions of the same dimension.
    public var source: String
    public var target: String
    public var model: ModelSettings
    /// The `(lambda_cyc, lambda_id)` pairs to train, one model each.
    public var variants: [TranslationWeights]
    /// Test points per domain.
    public var evaluationSamples: Int

    public init(source: String = "moons", target: String = "circles", model: ModelSettings = ModelSettings(),
                variants: [TranslationWeights] = TranslationWeights.standard, evaluationSamples: Int = 512) {
        self.source = source; self.target = target; self.model = model
        self.variants = variants; self.evaluationSamples = evaluationSamples
    }

    public static let standard = TranslationSettings()
    /// A smoke run: 100 steps of batch 32 with 2 x 16 networks.
    public static let quick = TranslationSettings(model: ModelSettings(steps: 100, batchSize: 32, width: 16, depth: 2),
                                                  evaluationSamples: 100)

    enum CodingKeys: String, CodingKey { case source, target, model, variants, evaluationSamples = "evaluation_samples" }
}

/// The weights of CycleGAN's cycle and identity terms.
public struct TranslationWeights: Codable, Sendable, Hashable {
    public var cycle: Double
    public var identity: Double
    public init(cycle: Double, identity: Double) { self.cycle = cycle; self.identity = identity }

    /// The paper's weights `(10, 5)`, the same without the identity term `(10, 0)`, and the
    /// adversarial losses alone `(0, 0)`.
    public static let standard = [TranslationWeights(cycle: 10, identity: 5), TranslationWeights(cycle: 10, identity: 0),
                                  TranslationWeights(cycle: 0, identity: 0)]
}

/// One trained translation model, measured.
public struct TranslationReport: Codable, Sendable, Hashable {
    public var cycleWeight: Double
    public var identityWeight: Double
    /// W1(G_AB(A), B) and W1(G_BA(B), A).
    public var w1ToTarget: Double
    public var w1ToSource: Double
    /// Mean Euclidean |G_BA(G_AB(a)) - a| and |G_AB(G_BA(b)) - b|.
    public var cycleErrorA: Double
    public var cycleErrorB: Double
    public var wallSeconds: Double
    /// A few translated points: `[a_x, a_y, G_AB(a)_x, G_AB(a)_y]`.
    public var examples: [[Double]]

    enum CodingKeys: String, CodingKey {
        case cycleWeight = "cycle_weight", identityWeight = "identity_weight", w1ToTarget = "w1_to_target"
        case w1ToSource = "w1_to_source", cycleErrorA = "cycle_error_a", cycleErrorB = "cycle_error_b"
        case wallSeconds = "wall_seconds", examples
    }
}

public struct TranslationResult: Codable, Sendable, Hashable {
    public var settings: TranslationSettings
    /// W1(A, B): how far apart the domains are before translating.
    public var untranslatedW1: Double
    /// W1(B, B'): two samples of the target, the floor.
    public var targetFloorW1: Double
    /// One per entry of `settings.variants`, in order.
    public var models: [TranslationReport]

    enum CodingKeys: String, CodingKey {
        case settings, untranslatedW1 = "untranslated_w1", targetFloorW1 = "target_floor_w1", models
    }
}

/// Trains a CycleGAN from `source` (domain A) to `target` (domain B).
public func trainCycleGAN(from source: any ToyDistribution, to target: any ToyDistribution, settings: ModelSettings,
                          cycleWeight: Double = 10, identityWeight: Double = 5, afterStep: () -> Void = {}) throws -> CycleGAN {
    if let p = settings.problem() { throw ModelExperimentError.invalidSettings(p) }
    guard source.dimension == target.dimension else {
        throw ModelExperimentError.invalidSettings("the two domains must have the same dimension, got \(source.dimension) and \(target.dimension)")
    }
    var s = Streams(seed: settings.seed)
    let model = CycleGAN(dimension: source.dimension, settings: settings, cycleWeight: cycleWeight, identityWeight: identityWeight,
                         using: &s.initialization)
    for step in 1...settings.steps {
        defer { afterStep() }
        let a = source.sample(count: settings.batchSize, using: &s.data).points
        let b = target.sample(count: settings.batchSize, using: &s.data).points
        _ = try model.trainStep(a: a, b: b, step: step)
    }
    return model
}

/// Runs the translation experiment (see `TranslationSettings`).
public func runTranslation(settings: TranslationSettings, progress: @escaping ProgressHandler = ignoreProgress) throws -> TranslationResult {
    func named(_ name: String) throws -> any ToyDistribution {
        do { return try ToyDatasets.named(name) } catch { throw ModelExperimentError.invalidSettings(error.description) }
    }
    let source = try named(settings.source), target = try named(settings.target)
    guard source.dimension == target.dimension else {
        throw ModelExperimentError.invalidSettings("the two domains must have the same dimension, got \(source.dimension) and \(target.dimension)")
    }
    guard settings.evaluationSamples >= 2 else { throw ModelExperimentError.invalidSettings("evaluation samples must be at least 2") }
    guard !settings.variants.isEmpty, settings.variants.allSatisfy({ $0.cycle >= 0 && $0.identity >= 0 && $0.cycle.isFinite && $0.identity.isFinite }) else {
        throw ModelExperimentError.invalidSettings("give at least one pair of cycle and identity weights, all finite and non-negative")
    }
    let n = Swift.min(settings.evaluationSamples, Evaluation.pairedSampleSize)
    var rng = SeededGenerator(seed: settings.model.seed &+ 0x7A45)
    let a = source.sample(count: n, using: &rng).points, a2 = source.sample(count: n, using: &rng).points
    let b = target.sample(count: n, using: &rng).points, b2 = target.sample(count: n, using: &rng).points

    let counter = ProgressCounter("training", total: settings.variants.count * settings.model.steps, handler: progress)
    func measure(cycle: Double, identity: Double) throws -> TranslationReport {
        let start = ContinuousClock().now
        let model = try trainCycleGAN(from: source, to: target, settings: settings.model, cycleWeight: cycle, identityWeight: identity,
                                      afterStep: { counter.advance(stage: "cycle \(cycle), identity \(identity)") })
        let wall = seconds(since: start)
        let ab = model.translateAB(a), ba = model.translateBA(b)
        return TranslationReport(
            cycleWeight: cycle, identityWeight: identity,
            w1ToTarget: wasserstein1(ab, b2), w1ToSource: wasserstein1(ba, a2),
            cycleErrorA: meanRowDistance(model.translateBA(ab), a), cycleErrorB: meanRowDistance(model.translateAB(ba), b),
            wallSeconds: wall,
            examples: (0..<Swift.min(8, n)).map { a.rows[$0] + ab.rows[$0] })
    }
    return TranslationResult(
        settings: settings, untranslatedW1: wasserstein1(a, b2), targetFloorW1: wasserstein1(b, b2),
        models: try settings.variants.map { try measure(cycle: $0.cycle, identity: $0.identity) })
}
