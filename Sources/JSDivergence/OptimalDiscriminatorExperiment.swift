import Foundation
import Autodiff
import NeuralNet
import ToyData
import Training

/// Experiment `optimal-discriminator`: train a discriminator on two fixed 1-D distributions and
/// compare it with the optimal one, `D*(x) = p_data(x) / (p_data(x) + p_g(x))`.
///
/// The generator does not move: its samples come from a known density `p_g`, so `D*` is known in
/// closed form. The discriminator, an MLP from `x` to a logit, minimises the standard GAN loss
/// (`StandardGAN.discriminatorLoss`, binary cross-entropy with real = 1, fake = 0) on fresh
/// batches of both distributions with Adam. Proposition 1 of Goodfellow et al. (2014) says the
/// minimiser of the population loss is `D*`; the experiment measures how close a small network
/// trained on samples gets:
///
/// ```
/// max error   = max |D(x) - D*(x)| over the grid points where m(x) = (p_data + p_g)/2 >= massThreshold
/// mean error  = int m(x) |D(x) - D*(x)| dx                      (quadrature; weighted by where samples fall)
/// V(D, G)    <= V(D*, G) = -log 4 + 2 JS(p_data, p_g)          (no discriminator beats D*)
/// ```
///
/// Where neither density has mass the loss never sees a sample, so `D` there is whatever the
/// network extrapolates; that is why the maximum is taken only where `m` is not negligible.
public enum OptimalDiscriminatorExperiment {
    public struct Settings: Codable, Sendable, Hashable {
        /// Discriminator updates, each on a fresh batch of real and generated samples.
        public var steps: Int = 2000
        /// Samples of each distribution per update.
        public var batchSize: Int = 256
        /// Hidden layers and their width; tanh, so the learned logit is smooth like `log p - log q`.
        public var width: Int = 32
        public var depth: Int = 2
        /// Adam's learning rate; it decays linearly to `finalLearningRateFraction` of this value, so
        /// the last updates average out the batch noise instead of chasing it.
        public var learningRate: Double = 3e-3
        public var finalLearningRateFraction: Double = 0.05
        /// The comparison grid on `[gridLower, gridUpper]` and where it counts.
        public var gridLower: Double = -4
        public var gridUpper: Double = 4
        public var gridPoints: Int = 161
        /// Grid points with `(p_data + p_g) / 2` below this are left out of the maximum error.
        public var massThreshold: Double = 0.05

        public init() {}

        /// A small budget for lessons and tests (a few seconds in a debug build).
        public static var quick: Settings {
            var s = Settings()
            s.steps = 300; s.batchSize = 128; s.width = 16; s.learningRate = 1e-2; s.gridPoints = 81
            return s
        }

        enum CodingKeys: String, CodingKey {
            case steps, batchSize = "batch_size", width, depth, learningRate = "learning_rate"
            case finalLearningRateFraction = "final_learning_rate_fraction", gridLower = "grid_lower"
            case gridUpper = "grid_upper", gridPoints = "grid_points", massThreshold = "mass_threshold"
        }
    }

    public struct Result: Codable, Sendable {
        public var settings: Settings
        public var seed: UInt64
        /// The two fixed densities, as mixture components.
        public var data: [Mode]
        public var generator: [Mode]
        /// The comparison grid and, at each point, the learned `D`, `D*` and both densities.
        public var x: [Double]
        public var learned: [Double]
        public var optimal: [Double]
        public var dataDensity: [Double]
        public var generatorDensity: [Double]
        /// `max |D - D*|` where `m >= massThreshold`, and where it happens.
        public var maxError: Double
        public var maxErrorAt: Double
        /// `int m |D - D*| dx`.
        public var meanError: Double
        /// `JS(p_data, p_g)`, `V(D*, G)` and the learned discriminator's `V(D, G)`, by quadrature.
        public var js: Integral
        public var optimalValue: Integral
        public var learnedValue: Integral
        /// The discriminator's loss, averaged over windows of `steps / 50` updates, and at which update each window ends.
        public var lossSteps: [Int]
        public var loss: [Double]

        enum CodingKeys: String, CodingKey {
            case settings, seed, data, generator, x, learned, optimal, dataDensity = "data_density"
            case generatorDensity = "generator_density", maxError = "max_error", maxErrorAt = "max_error_at"
            case meanError = "mean_error", js, optimalValue = "optimal_value", learnedValue = "learned_value"
            case lossSteps = "loss_steps", loss
        }
    }

    /// The default pair: the note's two-bump data `1/2 N(-2, 0.5^2) + 1/2 N(2, 0.5^2)` against a
    /// generator `N(0.5, 1)` that covers the gap between the bumps and is off-centre, so `D*` is
    /// neither symmetric nor monotone.
    public static let defaultData = GaussianMixture.mixture1D()
    public static let defaultGenerator = GaussianMixture(means: [0.5], stds: [1], name: "generator",
                                                         summary: "N(0.5, 1)")

    /// Runs the experiment. Deterministic: the same arguments give the same result, bit for bit.
    public static func run(data: GaussianMixture = defaultData, generator: GaussianMixture = defaultGenerator,
                           settings: Settings = Settings(), seed: UInt64,
                           progress: @escaping ProgressHandler = ignoreProgress) -> Result {
        precondition(data.dimension == 1 && generator.dimension == 1, "optimal-discriminator: needs 1-D densities")
        var rng = SeededGenerator(seed: seed)
        var initStream = rng.split(), dataStream = rng.split(), generatorStream = rng.split(), objectiveStream = rng.split()
        let hidden = [Int](repeating: settings.width, count: settings.depth)
        let discriminator = MLP(widths: [1] + hidden + [1], activation: .tanh, using: &initStream)
        let optimizer = Adam(discriminator.parameters, learningRate: settings.learningRate)
        let objective = StandardGAN()

        let window = Swift.max(1, settings.steps / 50)
        var lossSteps: [Int] = [], losses: [Double] = [], running = 0.0
        for step in 1...settings.steps {
            if step % 50 == 0 { progress(ProgressReport("training D", done: step, total: settings.steps)) }
            // Linear decay from lr to lr * finalFraction over the run.
            let progress = Double(step - 1) / Double(Swift.max(settings.steps - 1, 1))
            optimizer.learningRate = settings.learningRate * (1 - (1 - settings.finalLearningRateFraction) * progress)
            let real = Variable(data.sample(count: settings.batchSize, using: &dataStream).points)           // [B, 1]
            let fake = Variable(generator.sample(count: settings.batchSize, using: &generatorStream).points)  // [B, 1]
            let loss = objective.discriminatorLoss(discriminator: discriminator, real: real, fake: fake,
                                                   using: &objectiveStream).loss
            optimizer.minimize(loss)
            running += loss.scalar
            if step % window == 0 || step == settings.steps {
                let count = step % window == 0 ? window : step % window
                lossSteps.append(step); losses.append(running / Double(count)); running = 0
            }
        }

        func logits(_ xs: [Double]) -> [Double] {                                              // [n] -> [n]
            withoutGradients { discriminator(Variable(Tensor(shape: [xs.count, 1], scalars: xs)), training: false).value.scalars }
        }
        let optimalD = OptimalDiscriminator(data: data, generator: generator)
        let step = (settings.gridUpper - settings.gridLower) / Double(Swift.max(settings.gridPoints - 1, 1))
        let x = (0..<settings.gridPoints).map { settings.gridLower + Double($0) * step }
        let learned = logits(x).map(sigmoid)
        let optimal = x.map { optimalD($0) }
        let pData = x.map { data.pdf($0) }, pG = x.map { generator.pdf($0) }
        var maxError = 0.0, maxErrorAt = x.first ?? 0
        for i in x.indices where (pData[i] + pG[i]) / 2 >= settings.massThreshold {
            let e = Swift.abs(learned[i] - optimal[i])
            if e > maxError { maxError = e; maxErrorAt = x[i] }
        }

        // Integrals on the quadrature grid of the two densities.
        let pair = DensityPair(p: data, q: generator)
        let nodeLogits = logits(pair.rule.coordinates)
        let meanError = pair.rule.integrate(nodeLogits.indices.map { i in
            let m = (Foundation.exp(pair.logP[i]) + Foundation.exp(pair.logQ[i])) / 2
            return m * Swift.abs(sigmoid(nodeLogits[i]) - sigmoid(pair.logP[i] - pair.logQ[i]))
        }).value
        return Result(settings: settings, seed: seed, data: data.modes!, generator: generator.modes!, x: x,
                      learned: learned, optimal: optimal, dataDensity: pData, generatorDensity: pG,
                      maxError: maxError, maxErrorAt: maxErrorAt, meanError: meanError,
                      js: pair.jsDivergence, optimalValue: pair.optimalValue, learnedValue: pair.value(logits: nodeLogits),
                      lossSteps: lossSteps, loss: losses)
    }
}
