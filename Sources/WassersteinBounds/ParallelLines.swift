import Foundation
import Autodiff
import Training
import NeuralNet
import ToyData
import Metrics

/// The distances between two parallel lines, WGAN's Example 1 (Arjovsky, Chintala and Bottou 2017):
///
/// ```
/// P_0 = law of (0, Z),   P_theta = law of (theta, Z),   Z ~ U[0, 1]
///
/// W1(P_0, P_theta)      = |theta|
/// JS(P_0, P_theta)      = log 2   if theta != 0,  else 0
/// KL(P_theta || P_0)    = +inf    if theta != 0,  else 0
/// KL(P_0 || P_theta)    = +inf    if theta != 0,  else 0
/// TV(P_0, P_theta)      = 1       if theta != 0,  else 0
/// ```
///
/// For `theta != 0` the two supports are disjoint segments: every set that one line charges the
/// other misses, so JS, KL and TV see only "disjoint" and not how far apart, and their derivative
/// in `theta` is 0 (or undefined). Only W1 measures how far the mass has to move, and its derivative
/// `sign(theta)` points the generator home from any distance. (JS uses the natural logarithm.)
public struct ParallelLinesDistances: Codable, Sendable, Hashable {
    public var theta: Double
    public var w1: Double
    public var js: Double
    /// `KL(P_theta || P_0)`.
    public var kl: Double
    /// `KL(P_0 || P_theta)`.
    public var reverseKL: Double
    public var totalVariation: Double
    /// `d W1 / d theta = sign(theta)` (0 at 0, the subgradient of least norm).
    public var w1Slope: Double
    /// `d JS / d theta = 0` for `theta != 0`; `nil` at 0, where JS jumps.
    public var jsSlope: Double?

    enum CodingKeys: String, CodingKey {
        case theta, w1, js, kl, reverseKL = "reverse_kl", totalVariation = "total_variation"
        case w1Slope = "w1_slope", jsSlope = "js_slope"
    }

    /// The closed forms at `theta`.
    public init(theta: Double) {
        precondition(theta.isFinite, "ParallelLinesDistances: theta must be finite, got \(theta)")
        let apart = theta != 0
        self.theta = theta
        w1 = Swift.abs(theta)
        js = apart ? Foundation.log(2) : 0
        kl = apart ? .infinity : 0
        reverseKL = kl
        totalVariation = apart ? 1 : 0
        w1Slope = theta > 0 ? 1 : (theta < 0 ? -1 : 0)
        jsSlope = apart ? 0 : nil
    }
}

/// What trained critics make of the two lines at one `theta`: the estimates a GAN actually sees,
/// and the gradient its generator would receive.
public struct LearnedLineCritics: Codable, Sendable, Hashable {
    /// The exact W1 between `sampleSize` points of each line (optimal assignment): `|theta|` plus
    /// the finite-sample cost of matching two independent uniform samples along the line.
    public var empiricalW1: Double
    /// `E f(P_0) - E f(P_theta)` of a WGAN-GP critic trained on the two lines: the estimate of W1.
    public var criticEstimate: Double
    /// `d/d theta` of the WGAN generator loss `-E f(theta, Z)`: about `sign(theta)` for a good critic.
    public var criticSlope: Double
    /// `log 2 - L_D / 2` of a classifier trained with the original GAN's loss: the estimate of JS.
    public var jsEstimate: Double
    /// `d/d theta` of the minimax generator loss `E log(1 - sigma(D(theta, Z)))`: about 0 once the
    /// classifier separates the lines.
    public var classifierSlope: Double

    enum CodingKeys: String, CodingKey {
        case empiricalW1 = "empirical_w1", criticEstimate = "critic_estimate", criticSlope = "critic_slope"
        case jsEstimate = "js_estimate", classifierSlope = "classifier_slope"
    }
}

/// One row of the `parallel-lines` table.
public struct ParallelLinesRow: Codable, Sendable, Hashable {
    public var exact: ParallelLinesDistances
    /// `nil` when the experiment ran without training critics.
    public var learned: LearnedLineCritics?
}

/// The `parallel-lines` experiment: the closed forms over a range of `theta`, and what a trained
/// WGAN-GP critic and a trained GAN classifier report at each.
public struct ParallelLinesResult: Codable, Sendable, Hashable {
    public var rows: [ParallelLinesRow]
    /// Training steps of each critic and classifier (0: none trained).
    public var criticSteps: Int
    public var sampleSize: Int
    public var seed: UInt64

    enum CodingKeys: String, CodingKey { case rows, criticSteps = "critic_steps", sampleSize = "sample_size", seed }
}

/// Runs the `parallel-lines` experiment.
///
/// At each `theta`: the closed forms; then, when `criticSteps > 0`, a WGAN-GP critic (lambda 10,
/// Adam 1e-3 with betas (0.5, 0.9)) and a classifier with the original GAN's loss (Adam 1e-3), both
/// MLPs `2 -> width -> width -> 1` with ReLU, trained for `criticSteps` steps on batches of 64 from
/// the two lines, and the generator gradients each would hand back, measured at `sampleSize`
/// points of `P_theta`.
///
/// - Parameters:
///   - thetas: the offsets; the default runs from -1 to 1 with small values near 0.
///   - criticSteps: 0 for the closed forms only.
///   - width: hidden units of both trained networks.
///   - sampleSize: points per line for the empirical W1 and the estimates.
///   - seed: every random draw.
public func parallelLinesExperiment(thetas: [Double] = [-1, -0.5, -0.1, -0.01, 0, 0.01, 0.1, 0.5, 1],
                                    criticSteps: Int = 400, width: Int = 32, sampleSize: Int = 256,
                                    seed: UInt64 = 1, progress: @escaping ProgressHandler = ignoreProgress) -> ParallelLinesResult {
    let rows = thetas.enumerated().map { i, theta -> ParallelLinesRow in
        progress(ProgressReport("theta = \(theta)", done: i, total: thetas.count))
        let exact = ParallelLinesDistances(theta: theta)
        guard criticSteps > 0 else { return ParallelLinesRow(exact: exact, learned: nil) }
        return ParallelLinesRow(exact: exact, learned: learnLines(theta: theta, steps: criticSteps, width: width,
                                                                  sampleSize: sampleSize, seed: seed &+ UInt64(i) &* 0x9E37))
    }
    return ParallelLinesResult(rows: rows, criticSteps: criticSteps, sampleSize: sampleSize, seed: seed)
}

/// Trains both networks on `P_0` against `P_theta` and reads off estimates and slopes.
func learnLines(theta: Double, steps: Int, width: Int, sampleSize: Int, seed: UInt64) -> LearnedLineCritics {
    let real = ParallelLine(offset: 0), fake = ParallelLine(offset: theta)
    var rng = SeededGenerator(seed: seed)
    let realPoints = real.sample(count: sampleSize, using: &rng).points                  // [n, 2]
    let fakePoints = fake.sample(count: sampleSize, using: &rng).points                  // [n, 2]

    let critic = MLP(widths: [2, width, width, 1], activation: .relu, using: &rng)
    let gp = WGANGP(penaltyWeight: 10)
    trainCritic(critic, objective: gp, real: real, fake: fake, steps: steps, batchSize: 64,
                optimizer: .adam(1e-3, beta1: 0.5, beta2: 0.9), seed: rng.next())
    // d/d theta (-E f(theta, Z)) = -E df/dx_1 at the generated points.
    let criticGradient = criticInputGradients(critic, at: Variable(fakePoints), createGraph: false).value   // [n, 2]
    let criticSlope = -criticGradient.slice(alongAxis: 1, 0..<1).mean().scalar

    let classifier = MLP(widths: [2, width, width, 1], activation: .relu, using: &rng)
    trainCritic(classifier, loss: { d, x, xFake, _ in classifierLoss(d, real: x, fake: xFake) },
                real: real, fake: fake, steps: steps, batchSize: 64, optimizer: .adam(1e-3), seed: rng.next())
    let lossValue = withoutGradients { classifierLoss(classifier, real: Variable(realPoints), fake: Variable(fakePoints)).scalar }
    // d/d theta E log(1 - sigma(l)) = E -sigma(l) dl/dx_1 = -E softplus'(l) dl/dx_1: differentiate
    // the minimax generator loss -softplus(l) through the points.
    let x = Variable(parameter: fakePoints)
    let minimaxLoss = -classifier(x, training: false).softplus().mean()
    let classifierSlope = gradients(of: minimaxLoss, wrt: [x])[0].value.slice(alongAxis: 1, 0..<1).sum().scalar

    return LearnedLineCritics(empiricalW1: wasserstein1(realPoints, fakePoints),
                              criticEstimate: criticEstimate(critic, real: realPoints, fake: fakePoints),
                              criticSlope: criticSlope,
                              jsEstimate: Foundation.log(2) - lossValue / 2,
                              classifierSlope: classifierSlope)
}
