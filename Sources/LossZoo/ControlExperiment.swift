import Foundation
import Autodiff
import Metrics
import ToyData
import Training

/// The control experiment: can we ask for a mode? CGAN and ACGAN are trained with the mode index
/// as label and then asked for each label in turn; InfoGAN is trained without labels, and we ask
/// whether its categorical code has lined up with the modes by itself.
///
/// ```
/// CGAN, ACGAN:  for each label k: n samples G(z | k);  accuracy_k = share whose nearest mode is k
/// InfoGAN:      for each code c:  n samples G(z, c);   agreement = best code -> mode matching share
/// ```
///
/// Chance is `1/K` for a generator that ignores its label. ACGAN runs twice: with the note's loss,
/// and with its classifier trained on real data only. InfoGAN uses as many code values as there
/// are modes; it never sees a label.
public struct ControlSettings: Codable, Sendable, Hashable {
    /// A Gaussian mixture by name; its mode index is the label.
    public var dataset: String
    public var model: ModelSettings
    /// Samples generated per label (or code value) for the measurement.
    public var samplesPerLabel: Int

    public init(dataset: String = "ring8", model: ModelSettings = ModelSettings(), samplesPerLabel: Int = 250) {
        self.dataset = dataset; self.model = model; self.samplesPerLabel = samplesPerLabel
    }

    /// 2000 steps of batch 128 with 3 x 64 networks on the ring.
    public static let standard = ControlSettings()
    /// A smoke run, a few seconds in a debug build: 2 x 32 networks, 150 steps of batch 32.
    public static let quick = ControlSettings(model: ModelSettings(steps: 150, batchSize: 32, width: 32, depth: 2),
                                              samplesPerLabel: 25)

    enum CodingKeys: String, CodingKey { case dataset, model, samplesPerLabel = "samples_per_label" }
}

/// How well one conditional model obeys its labels.
public struct ConditionalReport: Codable, Sendable, Hashable {
    public var model: String
    public var accuracy: LabelAccuracy
    /// Share of all generated samples within 3 standard deviations of their nearest mode.
    public var highQualityShare: Double
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey { case model, accuracy, highQualityShare = "high_quality_share", wallSeconds = "wall_seconds" }
}

/// How well InfoGAN's code found the modes.
public struct CodeReport: Codable, Sendable, Hashable {
    public var agreement: CodeAgreement
    /// `L_I = log K - CE` on the last generator batch: the lower bound on `I(c; G(z, c))`, in nats.
    public var informationBound: Double
    /// `H(c) = log K`, the most it can be.
    public var codeEntropy: Double
    public var highQualityShare: Double
    public var modesCovered: Int
    public var wallSeconds: Double

    enum CodingKeys: String, CodingKey {
        case agreement, informationBound = "information_bound", codeEntropy = "code_entropy"
        case highQualityShare = "high_quality_share", modesCovered = "modes_covered", wallSeconds = "wall_seconds"
    }
}

public struct ControlResult: Codable, Sendable, Hashable {
    public var settings: ControlSettings
    public var classes: Int
    /// `1 / K`.
    public var chance: Double
    public var cgan: ConditionalReport
    public var acgan: ConditionalReport
    /// ACGAN whose classifier learns from real data only.
    public var acganRealOnly: ConditionalReport
    public var infogan: CodeReport

    enum CodingKeys: String, CodingKey { case settings, classes, chance, cgan, acgan, acganRealOnly = "acgan_real_only", infogan }
}

/// Errors of the small models' experiments: settings that cannot work.
public enum ModelExperimentError: Error, CustomStringConvertible, Equatable {
    case invalidSettings(String)
    public var description: String {
        switch self { case .invalidSettings(let m): m }
    }
}

/// The mixture named `name`, or a clear error if it is unknown or has no modes.
func labelledMixture(_ name: String) throws -> (data: any ToyDistribution, modes: [Mode]) {
    let data: any ToyDistribution
    do { data = try ToyDatasets.named(name) } catch { throw ModelExperimentError.invalidSettings(error.description) }
    guard let modes = data.modes else {
        throw ModelExperimentError.invalidSettings("'\(name)' has no known modes; the labels must be mode indices (try ring8 or grid25)")
    }
    return (data, modes)
}

/// Trains a CGAN on `data` (labels = mode indices) for `settings.steps` steps.
public func trainConditionalGAN(on data: any ToyDistribution, settings: ModelSettings,
                                afterStep: () -> Void = {}) throws -> ConditionalGAN {
    if let p = settings.problem() { throw ModelExperimentError.invalidSettings(p) }
    var s = Streams(seed: settings.seed)
    let model = ConditionalGAN(classes: data.classCount, dataDimension: data.dimension, settings: settings, using: &s.initialization)
    for step in 1...settings.steps {
        defer { afterStep() }
        _ = try model.trainStep(real: data.sample(count: settings.batchSize, using: &s.data), step: step, using: &s.noise)
    }
    return model
}

/// Trains an ACGAN on `data` (labels = mode indices) for `settings.steps` steps.
public func trainAuxiliaryClassifierGAN(on data: any ToyDistribution, settings: ModelSettings,
                                        classifierSeesFakes: Bool = true, afterStep: () -> Void = {}) throws -> AuxiliaryClassifierGAN {
    if let p = settings.problem() { throw ModelExperimentError.invalidSettings(p) }
    var s = Streams(seed: settings.seed)
    let model = AuxiliaryClassifierGAN(classes: data.classCount, dataDimension: data.dimension, settings: settings,
                                       classifierSeesFakes: classifierSeesFakes, using: &s.initialization)
    for step in 1...settings.steps {
        defer { afterStep() }
        _ = try model.trainStep(real: data.sample(count: settings.batchSize, using: &s.data), step: step, using: &s.noise)
    }
    return model
}

/// Trains an InfoGAN with `codes` code values on `data`'s points alone; returns it and the last
/// information bound.
public func trainInfoGAN(on data: any ToyDistribution, codes: Int, settings: ModelSettings,
                         afterStep: () -> Void = {}) throws -> (model: InfoGAN, informationBound: Double) {
    if let p = settings.problem() { throw ModelExperimentError.invalidSettings(p) }
    var s = Streams(seed: settings.seed)
    let model = InfoGAN(codes: codes, dataDimension: data.dimension, settings: settings, using: &s.initialization)
    var bound = 0.0
    for step in 1...settings.steps {
        defer { afterStep() }
        bound = try model.trainStep(real: data.sample(count: settings.batchSize, using: &s.data).points, step: step,
                                    using: &s.noise).informationBound
    }
    return (model, bound)
}

/// Samples `perLabel` points for every label `0..<classes`, label-major, with noise from `seed`.
public func samplesForEachLabel(_ generator: any LabelConditionedGenerator, perLabel: Int, noiseDimension: Int,
                                seed: UInt64) -> (points: Tensor, labels: [Int]) {
    var rng = SeededGenerator(seed: seed)
    let labels = (0..<generator.classes).flatMap { Array(repeating: $0, count: perLabel) }
    let noise = Tensor.randomNormal([labels.count, noiseDimension], using: &rng)
    return (generator.generate(labels: labels, noise: noise), labels)
}

/// Runs the control experiment (see `ControlSettings`).
public func runControl(settings: ControlSettings, progress: @escaping ProgressHandler = ignoreProgress) throws -> ControlResult {
    let (data, modes) = try labelledMixture(settings.dataset)
    guard settings.samplesPerLabel >= 1 else { throw ModelExperimentError.invalidSettings("samples per label must be at least 1") }
    let k = modes.count
    let evaluationSeed = settings.model.seed &+ 0xC0DE

    func report(_ name: String, _ train: () throws -> any LabelConditionedGenerator) throws -> ConditionalReport {
        let start = ContinuousClock().now
        let model = try train()
        let wall = seconds(since: start)
        let (points, labels) = samplesForEachLabel(model, perLabel: settings.samplesPerLabel,
                                                   noiseDimension: settings.model.noiseDimension, seed: evaluationSeed)
        let coverage = modeCoverage(of: points, means: modes.map(\.mean), stds: modes.map(\.std))
        return ConditionalReport(model: name, accuracy: LabelAccuracy(labels: labels, nearest: nearestModes(points, modes: modes), classes: k),
                                 highQualityShare: coverage.highQualityShare, wallSeconds: wall)
    }
    let counter = ProgressCounter("cgan", total: 4 * settings.model.steps, handler: progress)
    let cgan = try report("cgan") { try trainConditionalGAN(on: data, settings: settings.model, afterStep: { counter.advance() }) }
    let acgan = try report("acgan") {
        try trainAuxiliaryClassifierGAN(on: data, settings: settings.model, afterStep: { counter.advance(stage: "acgan") })
    }
    let acganRealOnly = try report("acgan, classifier on real only") {
        try trainAuxiliaryClassifierGAN(on: data, settings: settings.model, classifierSeesFakes: false,
                                        afterStep: { counter.advance(stage: "acgan, classifier on real only") })
    }

    let start = ContinuousClock().now
    let (info, bound) = try trainInfoGAN(on: data, codes: k, settings: settings.model,
                                         afterStep: { counter.advance(stage: "infogan") })
    let wall = seconds(since: start)
    let (points, codes) = samplesForEachLabel(info, perLabel: settings.samplesPerLabel,
                                              noiseDimension: settings.model.noiseDimension, seed: evaluationSeed)
    let coverage = modeCoverage(of: points, means: modes.map(\.mean), stds: modes.map(\.std))
    let infogan = CodeReport(agreement: CodeAgreement(codes: codes, nearest: nearestModes(points, modes: modes), codeCount: k, modeCount: k),
                             informationBound: bound, codeEntropy: Foundation.log(Double(k)),
                             highQualityShare: coverage.highQualityShare, modesCovered: coverage.modesCovered, wallSeconds: wall)
    return ControlResult(settings: settings, classes: k, chance: 1 / Double(k), cgan: cgan, acgan: acgan, acganRealOnly: acganRealOnly, infogan: infogan)
}
