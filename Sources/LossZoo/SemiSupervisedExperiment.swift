import Foundation
import Autodiff
import ToyData
import Training

/// The semi-supervised experiment: a handful of labelled points, plenty of unlabelled ones. The
/// semi-supervised GAN's classifier (see `SemiSupervisedGAN`) against the same network trained on
/// the labelled points alone, both scored on fresh labelled test points.
public struct SemiSupervisedSettings: Codable, Sendable, Hashable {
    /// Any toy distribution with more than one label (two moons by default: the classic picture).
    public var dataset: String
    /// Labelled points per class, drawn once before training.
    public var labelledPerClass: Int
    public var model: ModelSettings
    /// Fresh labelled points for the accuracy.
    public var testPoints: Int

    public init(dataset: String = "moons", labelledPerClass: Int = 3, model: ModelSettings = ModelSettings(),
                testPoints: Int = 2000) {
        self.dataset = dataset; self.labelledPerClass = labelledPerClass; self.model = model; self.testPoints = testPoints
    }

    public static let standard = SemiSupervisedSettings()
    /// A smoke run: 150 steps of batch 32 with 2 x 32 networks.
    public static let quick = SemiSupervisedSettings(model: ModelSettings(steps: 150, batchSize: 32, width: 32, depth: 2),
                                                     testPoints: 500)

    enum CodingKeys: String, CodingKey { case dataset, labelledPerClass = "labelled_per_class", model, testPoints = "test_points" }
}

public struct SemiSupervisedResult: Codable, Sendable, Hashable {
    public var settings: SemiSupervisedSettings
    public var classes: Int
    /// The labelled points, `[x, y, label]`.
    public var labelled: [[Double]]
    /// Test accuracy of the semi-supervised GAN's classifier.
    public var ganAccuracy: Double
    /// Test accuracy of the same network trained on the labelled points only.
    public var supervisedAccuracy: Double

    enum CodingKeys: String, CodingKey {
        case settings, classes, labelled, ganAccuracy = "gan_accuracy", supervisedAccuracy = "supervised_accuracy"
    }
}

/// `perClass` points of every label, drawn in order from `rng` (rejecting extra points of full classes).
func labelledSubset(of data: any ToyDistribution, perClass: Int, using rng: inout SeededGenerator) -> LabelledSample {
    var rows: [[Double]] = [], labels: [Int] = []
    var counts = [Int](repeating: 0, count: data.classCount)
    while labels.count < perClass * data.classCount {
        let s = data.sample(count: 1, using: &rng)
        let y = s.labels[0]
        guard counts[y] < perClass else { continue }
        counts[y] += 1
        rows.append(s.points.rows[0]); labels.append(y)
    }
    return LabelledSample(points: Tensor(rows: rows), labels: labels)
}

/// Runs the semi-supervised experiment (see `SemiSupervisedSettings`).
public func runSemiSupervised(settings: SemiSupervisedSettings,
                              progress: @escaping ProgressHandler = ignoreProgress) throws -> SemiSupervisedResult {
    let data: any ToyDistribution
    do { data = try ToyDatasets.named(settings.dataset) } catch { throw ModelExperimentError.invalidSettings(error.description) }
    guard data.classCount >= 2 else { throw ModelExperimentError.invalidSettings("'\(settings.dataset)' has a single label; semi-supervised learning needs classes (try moons)") }
    guard settings.labelledPerClass >= 1, settings.testPoints >= 1 else {
        throw ModelExperimentError.invalidSettings("labelled points per class and test points must be at least 1")
    }
    if let p = settings.model.problem() { throw ModelExperimentError.invalidSettings(p) }
    var s = Streams(seed: settings.model.seed)
    let labelled = labelledSubset(of: data, perClass: settings.labelledPerClass, using: &s.evaluation)
    let test = data.sample(count: settings.testPoints, using: &s.evaluation)

    var ganInit = s.initialization.split(), baselineInit = s.initialization.split()
    let gan = SemiSupervisedGAN(classes: data.classCount, dataDimension: data.dimension, settings: settings.model, using: &ganInit)
    let baseline = SupervisedClassifier(classes: data.classCount, dataDimension: data.dimension, settings: settings.model, using: &baselineInit)
    for step in 1...settings.model.steps {
        if step % 20 == 0 { progress(ProgressReport("training both classifiers", done: step, total: settings.model.steps)) }
        let unlabelled = data.sample(count: settings.model.batchSize, using: &s.data).points     // labels thrown away
        _ = try gan.trainStep(labelled: labelled, unlabelled: unlabelled, step: step, using: &s.noise)
        _ = try baseline.trainStep(labelled: labelled, step: step)
    }
    func accuracy(_ predicted: [Int]) -> Double {
        Double(zip(predicted, test.labels).filter { $0 == $1 }.count) / Double(test.count)
    }
    return SemiSupervisedResult(
        settings: settings, classes: data.classCount,
        labelled: zip(labelled.points.rows, labelled.labels).map { $0 + [Double($1)] },
        ganAccuracy: accuracy(gan.predict(test.points)), supervisedAccuracy: accuracy(baseline.predict(test.points)))
}
