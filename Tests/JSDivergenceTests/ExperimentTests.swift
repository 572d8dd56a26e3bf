import Foundation
import Testing
import Autodiff
import Training
@testable import JSDivergence

/// The experiments' results, at their quick budgets (what the lesson runs with --quick).
@Suite("Note 1 experiments")
struct ExperimentTests {
    @Test("optimal-discriminator: the trained D is within 0.1 of D* where the densities have mass", arguments: [1, 2, 3] as [UInt64])
    func learnedDiscriminatorIsNearOptimal(seed: UInt64) throws {
        let r = OptimalDiscriminatorExperiment.run(settings: .quick, seed: seed)
        // Stated tolerance: max |D - D*| <= 0.1 on the grid points where (p_data + p_g)/2 >= 0.05,
        // and the mass-weighted mean error <= 0.03. (A D that ignored its input would be off by
        // up to 0.9 here; D* itself spans 0.001 to 0.9 on this grid.)
        #expect(r.maxError <= 0.1, "seed \(seed): max |D - D*| = \(r.maxError) at x = \(r.maxErrorAt)")
        #expect(r.meanError <= 0.03, "seed \(seed): mean |D - D*| = \(r.meanError)")
        // No discriminator beats D*: V(D, G) <= V(D*, G) = -log 4 + 2 JS.
        #expect(r.learnedValue.value <= r.optimalValue.value + 1e-12, "seed \(seed)")
        #expect(abs(r.optimalValue.value - (2 * r.js.value - log(4.0))) < 1e-10)
        // The optimal curve in the result is D* itself.
        let optimal = OptimalDiscriminator(data: OptimalDiscriminatorExperiment.defaultData,
                                           generator: OptimalDiscriminatorExperiment.defaultGenerator)
        for (x, value) in zip(r.x, r.optimal) { #expect(value == optimal(x)) }
        #expect(try #require(r.optimal.min()) < 0.01 && r.optimal.max()! > 0.85)
    }

    @Test("optimal-discriminator: an untrained D is far from D*, so the tolerance above can fail")
    func untrainedDiscriminatorIsFar() {
        var settings = OptimalDiscriminatorExperiment.Settings.quick
        settings.steps = 1
        let r = OptimalDiscriminatorExperiment.run(settings: settings, seed: 1)
        #expect(r.maxError > 0.3, "max |D - D*| after one step = \(r.maxError)")
    }

    @Test("Experiments are deterministic: the same seed gives the same bytes, another seed other numbers")
    func determinism() throws {
        let a = try encodeJSON(OptimalDiscriminatorExperiment.run(settings: .quick, seed: 5))
        let b = try encodeJSON(OptimalDiscriminatorExperiment.run(settings: .quick, seed: 5))
        let c = try encodeJSON(OptimalDiscriminatorExperiment.run(settings: .quick, seed: 6))
        #expect(a == b)
        #expect(a != c)
        var quick = OptimizerComparison.Settings.quick
        quick.steps = 10
        #expect(try encodeJSON(OptimizerComparison.run(settings: quick, seed: 3)) == encodeJSON(OptimizerComparison.run(settings: quick, seed: 3)))
    }

    @Test("vanishing-gradients: the minimax gradient falls >= 100x while the non-saturating one stays within 10x",
          arguments: [1, 2, 3, 4] as [UInt64])
    func vanishingGradients(seed: UInt64) throws {
        let r = try VanishingGradients.run(settings: .quick, seed: seed)
        let steps = VanishingGradients.Settings.quick.steps
        #expect(r.steps == Array(0...steps) && r.minimax.count == steps + 1 && r.nonSaturating.count == steps + 1)
        // The undecided start: D(G(z)) ~ 1/2, where sigmoid(l) = 1 - sigmoid(l) and both losses push alike.
        #expect(abs(r.dFake[0] - 0.5) < 0.02, "seed \(seed): D(G(z)) starts at \(r.dFake[0])")
        #expect(abs(r.minimax[0] / r.nonSaturating[0] - 1) < 0.1, "seed \(seed): \(r.minimax[0]) vs \(r.nonSaturating[0])")
        // The claim of note 1 (after Arjovsky and Bottou 2017).
        #expect(r.minimaxFall >= 100, "seed \(seed): the minimax gradient fell only \(r.minimaxFall)-fold")
        let ratios = r.nonSaturating.map { $0 / r.nonSaturating[0] }
        #expect(ratios.allSatisfy { $0 >= 0.1 && $0 <= 10 }, "seed \(seed): non-saturating ratios span \(ratios.min()!) to \(ratios.max()!)")
        #expect(r.nonSaturatingRange == [ratios.min()!, ratios.max()!])
        #expect(r.minimaxFall == r.minimax[0] / r.minimax.last! && r.nonSaturatingChange == ratios.last!)
        let hundredfold = try #require(r.hundredfoldFallStep, "seed \(seed)")
        #expect(r.minimax[hundredfold] <= r.minimax[0] / 100 && r.minimax[..<hundredfold].allSatisfy { $0 > r.minimax[0] / 100 })
        // The discriminator did learn to reject the fakes: that is what drove the fall.
        #expect(r.dFake.last! < 1e-2, "seed \(seed): D(G(z)) ends at \(r.dFake.last!)")
    }

    @Test("js-vs-distance: JS saturates at log 2 with zero slope while KL and W1 keep growing")
    func jsVersusDistance() {
        let r = JSVersusDistance.run(settings: .quick, seed: 1)
        let log2 = log(2.0)
        #expect(r.rows.first!.js == 0 && r.rows.first!.w1 == 0)
        for row in r.rows + r.farRows {
            #expect(row.js >= 0 && row.js <= log2, "t = \(row.distance)")
            #expect(abs(row.kl - row.klClosedForm) <= 1e-9 * max(1, row.klClosedForm), "t = \(row.distance): KL \(row.kl)")
            #expect(row.w1 == abs(row.distance))
        }
        for row in r.farRows {
            #expect(abs(row.js - log2) < 1e-12 && abs(row.jsSlope) < 1e-9, "t = \(row.distance)")
        }
        // At t = 16 sigma the overlap is e^-32: JS is log 2 to 1e-12 already, and the histograms say so too.
        let last = r.rows.last!
        #expect(abs(last.js - log2) < 1e-12 && abs(last.jsSlope) < 1e-9)
        #expect(abs(last.histogramJS! - log2) < 1e-12)
        // Where the bumps overlap the slope is clearly positive (it peaks near t = 2 sigma).
        #expect(r.rows.contains { $0.jsSlope > 0.1 })
        // Against D*: both gradients are 0 at t = 0 (nothing to learn); then the minimax one dies
        // like e^(-t^2/8) while the non-saturating one approaches |t| / sigma^2.
        #expect(r.rows[0].minimaxGradientAtOptimum == 0 && r.rows[0].nonSaturatingGradientAtOptimum == 0)
        #expect(last.minimaxGradientAtOptimum < 1e-12 && abs(last.nonSaturatingGradientAtOptimum - last.distance) < 1e-9)
        for row in r.rows.dropFirst() {
            #expect(row.minimaxGradientAtOptimum < row.nonSaturatingGradientAtOptimum, "t = \(row.distance)")
            #expect(abs(row.minimaxGradientAtOptimum + row.nonSaturatingGradientAtOptimum - row.distance) < 1e-9, "t = \(row.distance)")
        }
    }

    @Test("optimizers: three runs in the order SGD, RMSProp, Adam from the same start, with Keras's settings")
    func optimizers() throws {
        var settings = OptimizerComparison.Settings.quick
        settings.steps = 20
        let r = try OptimizerComparison.run(settings: settings, seed: 2)
        #expect(r.runs.map(\.label) == ["sgd", "rmsprop", "adam"])
        #expect(r.runs.map(\.config.generatorOptimizer) == [.sgd(0.01), .rmsprop(0.001, alpha: 0.9), .adam(0.001)])
        for run in r.runs {
            #expect(run.failure == nil)
            #expect(run.config.seed == 2 && run.config.steps == 20)
            #expect(run.steps.last == 20 && run.generatorLoss.count == run.steps.count)
            #expect(run.figures["d_loss_real"]?.count == run.steps.count && run.figures["d_loss_fake"]?.count == run.steps.count)
            // The window means of the two halves add up to the window means of D's loss.
            for i in run.steps.indices {
                #expect(abs(run.figures["d_loss_real"]![i] + run.figures["d_loss_fake"]![i] - run.discriminatorLoss[i]) < 1e-12)
            }
            #expect(run.final.w1.isFinite && run.final.modesTotal == 8)
            #expect(run.samples.count == 300)
        }
        // Different optimizers from the same start must end in different places.
        #expect(Set(r.runs.map(\.final.w1)).count == 3)
        // One learning rate for all.
        settings.learningRate = 0.005
        #expect(OptimizerComparison.optimizers(learningRate: 0.005).map(\.learningRate) == [0.005, 0.005, 0.005])
    }

    @Test("objectives-on-ring8: gan then minimax-gan, same initial weights, different generator losses")
    func objectives() throws {
        var settings = ObjectivesOnRing8.Settings.quick
        settings.steps = 20
        let r = try ObjectivesOnRing8.run(settings: settings, seed: 4)
        #expect(r.runs.map(\.label) == ["gan", "minimax-gan"])
        #expect(r.runs.map(\.config.objective) == ["gan", "minimax-gan"])
        // The generator losses have opposite signs: softplus(-l) > 0 > -softplus(l).
        let first = r.runs.map { $0.generatorLoss[0] }
        #expect(first[0] > 0 && first[1] < 0)
        for run in r.runs { #expect(run.final.modesTotal == 8 && run.failure == nil) }
    }
}

@Suite("vanishing-gradients over several seeds")
struct VanishingGradientSeedsTests {
    @Test("the first seed's result is the single run's, and every seed's figures are its own run's")
    func seedsAgreeWithSingleRuns() throws {
        let seeds: [UInt64] = [3, 5]
        let combined = try VanishingGradients.runSeeds(settings: .quick, seeds: seeds, threads: 1)
        let singles = try seeds.map { try VanishingGradients.run(settings: .quick, seed: $0) }
        #expect(combined.minimax == singles[0].minimax && combined.seed == 3)
        let across = try #require(combined.acrossSeeds)
        #expect(across.minimaxFall == singles.map(\.minimaxFall))
        #expect(across.nonSaturatingLowest == singles.map { $0.nonSaturatingRange[0] })
        #expect(across.slowestHundredfoldFall == singles.compactMap(\.hundredfoldFallStep).max())
        #expect(abs(across.log10MinimaxFall.mean - singles.map { log10($0.minimaxFall) }.reduce(0, +) / 2) < 1e-12)
        // The setup the report prints: ring8 has rms spread about 1 and modes of sd 0.01.
        #expect(abs(combined.dataSpread - 1) < 0.05 && combined.modeStd == 0.01)
    }
}
