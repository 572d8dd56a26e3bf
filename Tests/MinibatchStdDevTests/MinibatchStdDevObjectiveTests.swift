import Foundation
import Testing
import Autodiff
import NeuralNet
import Training
@testable import MinibatchStdDev

/// The non-saturating GAN loss, written here so this module's tests need no other note:
/// `L_D = mean softplus(-D(x)) + mean softplus(D(G(z)))`, `L_G = mean softplus(-D(G(z)))`.
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

/// An objective whose discriminator gives two numbers per sample (like a classifier head).
/// A discriminator that reads samples packed four at a time (PacGAN's), so its input is 4d wide.
final class PackedInputObjective: GANObjective {
    var name: String { "packed" }
    var summary: String { "" }
    var recommendedSettings: ObjectiveSettings { TestLogisticGAN().recommendedSettings }
    func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind, initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        MLP(widths: [4 * inputDimension] + hidden + [1], using: &rng)
    }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        LossTerms(loss: discriminator(real.reshaped([-1, 8]), training: true).mean())
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: discriminator(fake.reshaped([-1, 8]), training: true).mean())
    }
}

final class TwoHeadedObjective: GANObjective {
    var name: String { "two-headed" }
    var summary: String { "" }
    var recommendedSettings: ObjectiveSettings { TestLogisticGAN().recommendedSettings }
    func makeDiscriminator(inputDimension: Int, hidden: [Int], activation: ActivationKind, initialization: Initialization, using rng: inout SeededGenerator) -> any Layer {
        MLP(widths: [inputDimension] + hidden + [2], using: &rng)
    }
    func discriminatorLoss(discriminator: any Layer, real: Variable, fake: Variable, using rng: inout SeededGenerator) -> LossTerms {
        LossTerms(loss: discriminator(real, training: true).mean())
    }
    func generatorLoss(discriminator: any Layer, real: Variable, fake: Variable) -> LossTerms {
        LossTerms(loss: discriminator(fake, training: true).mean())
    }
}

@Suite("An objective with a minibatch-stddev discriminator")
struct MinibatchStdDevObjectiveTests {
    @Test("the wrapper keeps the base's name (plus -mbstd), settings and losses, and appends the feature before D's last layer")
    func wrapsTheBase() {
        let o = WithMinibatchStdDev(TestLogisticGAN())
        #expect(o.name == "test-gan-mbstd")
        #expect(o.recommendedSettings == TestLogisticGAN().recommendedSettings)
        var rng = SeededGenerator(seed: 1)
        let d = o.makeDiscriminator(inputDimension: 2, hidden: [7, 5], activation: .relu, using: &rng)
        let mlp = d as? MinibatchStdDevMLP
        #expect(mlp?.output.inputSize == 6 && mlp?.output.outputSize == 1)
        #expect(d.parameterCount == (2 * 7 + 7) + (7 * 5 + 5) + (6 + 1))
    }

    @Test("layersAfter puts the feature earlier: the next hidden layer takes one more input, the output layer its usual one")
    func featureEarlier() {
        var rng = SeededGenerator(seed: 2)
        let d = MinibatchStdDevMLP(widths: [2, 7, 5, 1], layersAfter: 1, using: &rng)
        #expect(d.parameterCount == (2 * 7 + 7) + (8 * 5 + 5) + (5 + 1))
        #expect(d.output.inputSize == 5)
        let x = Variable(Tensor.randomNormal([8, 2], using: &rng))
        #expect(d(x, training: true).shape == [8, 1])
        // The wrapper clamps to the hidden layers it is given: one hidden layer leaves no room.
        let o = WithMinibatchStdDev(TestLogisticGAN(), layersAfter: 1)
        let shallow = o.makeDiscriminator(inputDimension: 2, hidden: [4], activation: .relu, using: &rng) as? MinibatchStdDevMLP
        #expect(shallow?.output.inputSize == 5)
    }

    @Test("only discriminators with one score per sample can be wrapped")
    func supports() {
        #expect(WithMinibatchStdDev.supports(TestLogisticGAN()))
        #expect(!WithMinibatchStdDev.supports(TwoHeadedObjective()))
        // Refused from its structure, without running the network on inputs it cannot take.
        #expect(!WithMinibatchStdDev.supports(PackedInputObjective()))
    }

    @Test("D's output depends on the batch's spread: the same point scores differently in a collapsed and a varied batch", arguments: 0..<10)
    func seesTheSpread(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = MinibatchStdDevMLP(widths: [2, 8, 1], activation: .tanh, using: &rng)
        let point = Tensor.randomNormal([1, 2], using: &rng)
        let collapsed = Tensor.concatenate(Array(repeating: point, count: 4), alongAxis: 0)
        let varied = Tensor.concatenate([point, Tensor.randomNormal([3, 2], using: &rng) * 3], alongAxis: 0)
        let a = d(Variable(collapsed), training: true).value[0, 0], b = d(Variable(varied), training: true).value[0, 0]
        // Exactly the output weight of the extra feature times the change in the feature.
        let hidden = withoutGradients { d.hidden(Variable(varied), training: true) }
        let s = d.stddev.groupStatistics(hidden).value.scalars[0]
        let wExtra = d.output.weight.value[8, 0]
        #expect(Swift.abs((b - a) - wExtra * (s - 1e-4)) < 1e-12, "seed \(seed)")
        #expect(s > 1e-3, "seed \(seed)")
    }

    @Test("both losses pass the generic objective gradient check over many seeds", arguments: 0..<20)
    func objectiveGradients(seed: UInt64) {
        let o = WithMinibatchStdDev(TestLogisticGAN())
        let (d, g) = GradientCheck.checkObjective(o, seed: seed)
        #expect(d.passes(tolerance: 1e-6), "seed \(seed): discriminator \(d)")
        #expect(g.passes(tolerance: 1e-6), "seed \(seed): generator \(g)")
    }

    @Test("a gradient penalty through the layer is differentiable (second order w.r.t. D's parameters)", arguments: 0..<5)
    func secondOrderThroughThePenalty(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let d = MinibatchStdDevMLP(widths: [2, 4, 1], activation: .tanh, using: &rng)
        let x = Tensor.randomNormal([8, 2], using: &rng)
        let result = GradientCheck.check({
            let input = Variable(parameter: x)
            let grad = gradients(of: d(input, training: true).sum(), wrt: [input], createGraph: true)[0]
            return (grad.square().sum(alongAxes: [1]).sqrt() - 1).square().mean()
        }, wrt: d.parameters)
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(result)")
    }
}

@Suite("The minibatch-stddev experiment")
struct MinibatchStdDevExperimentTests {
    static var tiny: MinibatchStdDevExperiment.Settings {
        var s = MinibatchStdDevExperiment.Settings.quick
        s.steps = 6; s.seeds = 2; s.evaluationSamples = 100
        return s
    }

    @Test("it runs every dataset, variant and seed, pairs the variants by seed, and aggregates what it ran")
    func structure() throws {
        let r = try MinibatchStdDevExperiment.run(settings: Self.tiny, seed: 3) { TestLogisticGAN() }
        #expect(r.runs.count == 2 * 2 * 2)
        #expect(r.objective == "test-gan")
        #expect(r.rows.map { "\($0.dataset) \($0.withStdDev)" } == ["ring8 false", "ring8 true", "grid25 false", "grid25 true"])
        for run in r.runs {
            #expect(run.failure == nil)
            let modes = try #require(run.modesCovered)
            #expect(modes >= 0 && modes <= run.modesTotal)
            #expect(run.modesTotal == (run.dataset == "ring8" ? 8 : 25))
        }
        for row in r.rows {
            let runs = r.runs.filter { $0.dataset == row.dataset && $0.withStdDev == row.withStdDev }
            #expect(runs.map(\.seed) == [3, 4])
            let modes = runs.compactMap(\.modesCovered)
            #expect(row.meanModesCovered == Double(modes.reduce(0, +)) / 2)
            #expect(row.minModesCovered == modes.min() && row.maxModesCovered == modes.max())
        }
    }

    @Test("the comparisons pair the variants per dataset: means of the runs, the difference with minus without, a p-value")
    func comparisons() throws {
        var s = Self.tiny
        s.seeds = 3
        let r = try MinibatchStdDevExperiment.run(settings: s, seed: 3) { TestLogisticGAN() }
        #expect(r.comparisons.map(\.dataset) == ["ring8", "grid25"])
        for c in r.comparisons {
            let runs = r.runs.filter { $0.dataset == c.dataset }
            let without = runs.filter { !$0.withStdDev }.compactMap(\.modesCovered).map(Double.init)
            let with = runs.filter(\.withStdDev).compactMap(\.modesCovered).map(Double.init)
            #expect(c.modes.a.count == 3 && c.modes.b.count == 3, "\(c.dataset)")
            #expect(Swift.abs(c.modes.a.mean - without.reduce(0, +) / 3) < 1e-12, "\(c.dataset)")
            #expect(Swift.abs(c.modes.difference - (with.reduce(0, +) - without.reduce(0, +)) / 3) < 1e-12, "\(c.dataset)")
            #expect(c.modes.pValue > 0 && c.modes.pValue <= 1, "\(c.dataset)")
            #expect(c.highQualityShare.a.mean >= 0 && c.highQualityShare.b.mean <= 1, "\(c.dataset)")
            let total = Double(runs[0].modesTotal)
            #expect(c.reverseKL.a.count == 3 && c.reverseKL.a.mean >= 0 && c.reverseKL.b.mean <= Foundation.log(total) + 1e-9,
                    "\(c.dataset)")
        }
        let settings = TestLogisticGAN().recommendedSettings
        #expect(r.departures == r.settings.departures(objective: r.objective, optimizer: settings.discriminatorOptimizer,
                                                      nCritic: settings.nCritic))
    }

    @Test("the departures name the base loss and optimizer the runs used, and only what differs from ProGAN's")
    func departuresFollowTheBase() {
        let s = MinibatchStdDevExperiment.Settings()
        let gan = s.departures(objective: "gan", optimizer: .adam(1e-3, beta1: 0.5), nCritic: 1)
        #expect(gan.contains("the gan loss, not WGAN-GP"))
        #expect(gan.contains("Adam beta1 0.5, beta2 0.999, not beta1 0, beta2 0.99"))
        #expect(!gan.contains { $0.contains("D steps") })
        let progan = s.departures(objective: "wgan-gp", optimizer: .adam(1e-3, beta1: 0, beta2: 0.99), nCritic: 1)
        #expect(progan.contains("WGAN-GP without ProGAN's drift term 0.001 E[D(x)^2]"))
        #expect(!progan.contains { $0.contains("Adam") || $0.contains("loss") || $0.contains("D steps") })
        let critic = s.departures(objective: "wgan-gp", optimizer: .adam(1e-4, beta1: 0, beta2: 0.9), nCritic: 5)
        #expect(critic.contains("5 D steps per G step, not 1"))
        #expect(critic.contains("Adam lr 0.0001, beta2 0.9, not lr 0.001, beta2 0.99"))
    }

    @Test("the same seed gives the same table")
    func deterministic() throws {
        var s = Self.tiny
        s.datasets = ["ring8"]; s.seeds = 1
        let a = try MinibatchStdDevExperiment.run(settings: s, seed: 9) { TestLogisticGAN() }
        let b = try MinibatchStdDevExperiment.run(settings: s, seed: 9) { TestLogisticGAN() }
        #expect(a.runs.map(\.modesCovered) == b.runs.map(\.modesCovered))
        #expect(a.runs.map(\.highQualityShare) == b.runs.map(\.highQualityShare))
    }

    @Test("a dataset without known modes is refused with a message that names it")
    func needsModes() {
        var s = Self.tiny
        s.datasets = ["swissroll"]
        #expect(throws: TrainingError.invalidConfig("dataset 'swissroll' has no known modes to count")) {
            try MinibatchStdDevExperiment.run(settings: s, seed: 0) { TestLogisticGAN() }
        }
    }
}
