import Testing
import Autodiff
import NeuralNet
import ToyData
import Training
@testable import WassersteinBounds

/// Pitfall 4 of docs/pitfalls.md, through the real training loop: clipping must follow every
/// critic update (not only the last of the n_critic), and must never touch the generator.
@Suite("Weight clipping in the training loop")
struct ClippingPitfallTests {
    @Test("after every one of the n_critic updates the critic is inside [-c, c]; the generator is never clipped")
    func clipsEveryCriticStepAndOnlyTheCritic() throws {
        let objective = WGAN()                                              // c = 0.01, n_critic = 5
        var config = TrainingConfig(objective: objective.name, data: "ring8", settings: objective.recommendedSettings)
        config.steps = 4; config.width = 16; config.depth = 2; config.seed = 3
        config.generatorOptimizer.learningRate = 0.05                       // big steps: G's weights leave [-c, c] at once
        let trainer = try GANTrainer(config: config, objective: objective, data: try ToyDatasets.named("ring8"))
        var criticChecks = 0
        while trainer.step < config.steps {
            try trainer.trainStep { update in
                guard case .discriminator = update else { return }
                criticChecks += 1
                let largest = trainer.discriminator.parameters.map { $0.value.abs().max(alongAxes: Array(0..<$0.rank)).scalar }.max()!
                #expect(largest <= 0.01, "critic weight \(largest) outside [-c, c] after update \(criticChecks)")
            }
        }
        #expect(criticChecks == 4 * 5)
        let generatorLargest = trainer.generator.parameters.map { $0.value.abs().max(alongAxes: Array(0..<$0.rank)).scalar }.max()!
        #expect(generatorLargest > 0.01, "the generator's weights were clipped too")
    }
}
