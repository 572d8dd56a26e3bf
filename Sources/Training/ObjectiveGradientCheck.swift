import Autodiff
import NeuralNet

extension GradientCheck {
    /// The gradient checks of an objective's two losses on a small smooth discriminator
    /// (`d -> 5 -> 1`, tanh) and random `[6, d]` batches:
    ///
    /// - the discriminator loss with respect to the discriminator's parameters (for a gradient
    ///   penalty this differentiates through a backward pass: a second-order check);
    /// - the generator loss with respect to the fake samples and the discriminator's parameters.
    ///
    /// The objective's random draws (interpolation weights) restart from the same seed at every
    /// evaluation, so finite differences see one fixed function. The objective's `state` is put
    /// back afterwards.
    public static func checkObjective(_ objective: any GANObjective, dataDimension: Int = 2,
                                      seed: UInt64) -> (discriminator: Result, generator: Result) {
        var rng = SeededGenerator(seed: seed)
        let saved = objective.state
        defer { objective.state = saved }
        let d = objective.makeDiscriminator(inputDimension: dataDimension, hidden: [5], activation: .tanh, using: &rng)
        let real = Variable(Tensor.randomNormal([6, dataDimension], using: &rng))
        let fake = Variable(parameter: Tensor.randomNormal([6, dataDimension], using: &rng))
        let objectiveSeed = rng.next()
        let dResult = check({
            var stream = SeededGenerator(seed: objectiveSeed)
            return objective.discriminatorLoss(discriminator: d, real: real, fake: fake.detached(), using: &stream).loss
        }, wrt: d.parameters)
        let gResult = check({
            objective.generatorLoss(discriminator: d, real: real, fake: fake).loss
        }, wrt: [fake] + d.parameters)
        return (dResult, gResult)
    }
}
