import Testing
import Autodiff
import NeuralNet
import JSDivergence
@testable import Training

@Suite("The generator's view")
struct GeneratorViewTests {
    @Test("the manifold of an identity generator is the noise grid itself")
    func identityManifold() throws {
        var rng = SeededGenerator(seed: 0)
        let identity = Linear(2, 2, using: &rng)
        identity.weight.assign(Tensor(rows: [[1, 0], [0, 1]]))
        identity.bias?.assign(Tensor([0, 0]))
        let lines = GeneratorView.manifold(generator: identity, noiseDimension: 2, extent: 2, lines: 3, pointsPerLine: 5)
        #expect(lines.count == 6)
        // Lines of constant z_2 first: z_2 = -2, 0, 2 with z_1 running -2...2.
        #expect(lines[0] == [[-2, -2], [-1, -2], [0, -2], [1, -2], [2, -2]])
        #expect(lines[1].allSatisfy { $0[1] == 0 })
        // Then lines of constant z_1.
        #expect(lines[3] == [[-2, -2], [-2, -1], [-2, 0], [-2, 1], [-2, 2]])
        #expect(lines[5].allSatisfy { $0[0] == 2 })
    }

    @Test("extra noise coordinates are held at zero", arguments: [3, 5])
    func extraNoiseCoordinates(_ k: Int) {
        var rng = SeededGenerator(seed: 1)
        let g = Linear(k, 2, using: &rng)
        let lines = GeneratorView.manifold(generator: g, noiseDimension: k, lines: 2, pointsPerLine: 2)
        // G(z) = z W + b with z = (-2, -2, 0, ...): only the first two rows of W matter.
        let w = g.weight.value, b = g.bias!.value
        let expected = [-2 * w[0, 0] - 2 * w[1, 0] + b[0], -2 * w[0, 1] - 2 * w[1, 1] + b[1]]
        #expect(zip(lines[0][0], expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// For L_G = mean f(D(x)) with f decreasing, -dL_G/dx_i = -f'(D(x_i)) grad D(x_i): a positive
    /// multiple of the critic's gradient, so the arrows point towards higher critic value.
    @Test("arrows point along the critic's gradient, towards more real", arguments: StandardGAN.GeneratorLoss.allCases)
    func arrowsFollowCriticGradient(_ kind: StandardGAN.GeneratorLoss) {
        for seed in UInt64(0)..<10 {
            var rng = SeededGenerator(seed: seed)
            let objective = StandardGAN(generatorLoss: kind)
            let d = MLP(widths: [2, 8, 1], activation: .tanh, using: &rng)
            let fake = Tensor.randomNormal([12, 2], using: &rng), real = Tensor.randomNormal([12, 2], using: &rng)
            let moves = GeneratorView.movement(objective: objective, discriminator: d, fake: fake, real: real)
            let x = Variable(parameter: fake)
            let gradD = gradients(of: d(x, training: false).sum(), wrt: [x])[0].value
            for (m, g) in zip(moves.rows, gradD.rows) {
                let dot = m[0] * g[0] + m[1] * g[1]
                let cosine = dot / ((m[0] * m[0] + m[1] * m[1]).squareRoot() * (g[0] * g[0] + g[1] * g[1]).squareRoot())
                #expect(cosine > 1 - 1e-9, "\(kind) seed \(seed): cosine \(cosine)")
            }
        }
    }
}
