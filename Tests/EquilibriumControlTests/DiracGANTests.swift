import Foundation
import Testing
import Autodiff
@testable import EquilibriumControl

/// The two losses' derivatives by central differences: `(-d L_G / d theta, d L_D / d psi)`.
func fieldFromLosses(_ game: DiracGAN, _ p: DiracPoint, h: Double = 1e-5) -> DiracPoint {
    let dTheta = (game.losses(theta: p.theta + h, psi: p.psi).generator - game.losses(theta: p.theta - h, psi: p.psi).generator) / (2 * h)
    let dPsi = (game.losses(theta: p.theta, psi: p.psi + h).discriminator - game.losses(theta: p.theta, psi: p.psi - h).discriminator) / (2 * h)
    return DiracPoint(theta: -dTheta, psi: dPsi)
}

func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool { Swift.abs(a - b) <= tol * Swift.max(1, Swift.abs(a), Swift.abs(b)) }

@Suite("The Dirac-GAN")
struct DiracGANTests {
    @Test("every method's hand-derived field equals the derivatives of its stated losses", arguments: 0..<20)
    func fieldsMatchLosses(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        for method in DiracGAN.Method.all(gamma: 0.3 + rng.nextUniform()) {
            let game = DiracGAN(method)
            // Keep psi away from 0, where WGAN-GP's field jumps.
            let p = DiracPoint(theta: 4 * rng.nextUniform() - 2, psi: (0.1 + 2 * rng.nextUniform()) * (rng.nextUniform() < 0.5 ? -1 : 1))
            let v = game.vectorField(theta: p.theta, psi: p.psi), fromLosses = fieldFromLosses(game, p)
            #expect(close(v.theta, fromLosses.theta, 1e-7) && close(v.psi, fromLosses.psi, 1e-7),
                    "seed \(seed), \(method.name) at \(p): field \(v), from the losses \(fromLosses)")
        }
    }

    @Test("the GAN and consensus fields agree with the Autodiff engine (consensus differentiates through a backward pass)",
          arguments: 0..<20)
    func autodiffCrossCheck(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let theta0 = 4 * rng.nextUniform() - 2, psi0 = 4 * rng.nextUniform() - 2, gamma = 2 * rng.nextUniform()
        let theta = Variable(parameter: Tensor(theta0)), psi = Variable(parameter: Tensor(psi0))
        // L = f(psi theta) + f(0), f(t) = -softplus(-t).
        let loss = -(-(psi * theta)).softplus() - Foundation.log(2.0)
        let g = gradients(of: loss, wrt: [theta, psi], createGraph: true)
        let vTheta = -g[0], vPsi = g[1]
        let gan = DiracGAN(.gan).vectorField(theta: theta0, psi: psi0)
        #expect(close(gan.theta, vTheta.scalar, 1e-12) && close(gan.psi, vPsi.scalar, 1e-12), "seed \(seed)")
        // Consensus: v - gamma grad(1/2 ||v||^2), the gradient taken through the recorded v.
        let lc = (vTheta * vTheta + vPsi * vPsi) * 0.5
        let gc = gradients(of: lc, wrt: [theta, psi])
        let consensus = DiracGAN(.consensus(gamma: gamma)).vectorField(theta: theta0, psi: psi0)
        #expect(close(consensus.theta, vTheta.scalar - gamma * gc[0].scalar, 1e-12), "seed \(seed)")
        #expect(close(consensus.psi, vPsi.scalar - gamma * gc[1].scalar, 1e-12), "seed \(seed)")
    }

    @Test("f'(0) = 1/2 and f''(0) = -1/4; f, f', f'' are consistent by differences and never overflow")
    func fDerivatives() {
        #expect(DiracGAN.fPrime(0) == 0.5 && DiracGAN.fSecond(0) == -0.25 && DiracGAN.f(0) == -Foundation.log(2.0))
        for t in stride(from: -6.0, through: 6.0, by: 0.37) {
            let h = 1e-5
            #expect(close((DiracGAN.f(t + h) - DiracGAN.f(t - h)) / (2 * h), DiracGAN.fPrime(t), 1e-8))
            #expect(close((DiracGAN.fPrime(t + h) - DiracGAN.fPrime(t - h)) / (2 * h), DiracGAN.fSecond(t), 1e-8))
        }
        #expect(DiracGAN.f(-1000) == -1000 && DiracGAN.f(1000) == 0 && DiracGAN.fPrime(-1000) == 1)
    }

    @Test("the unregularised game's Jacobian at the equilibrium is [[0, -1/2], [1/2, 0]]: eigenvalues +- f'(0) i = +- i/2")
    func unregularisedEigenvalues() throws {
        for method in [DiracGAN.Method.gan, .nonSaturating] {
            let j = try #require(DiracGAN(method).jacobian())
            #expect(close(j.a, 0, 1e-9) && close(j.b, -0.5, 1e-9) && close(j.c, 0.5, 1e-9) && close(j.d, 0, 1e-9), "\(method.name): \(j)")
            let eig = j.eigenvalues
            #expect(eig.allSatisfy { Swift.abs($0.real) < 1e-9 }, "\(method.name): purely imaginary")
            #expect(close(eig[0].imaginary, 0.5, 1e-9) && close(eig[1].imaginary, -0.5, 1e-9), "\(method.name): \(eig)")
        }
    }

    @Test("regularised Jacobians at the equilibrium match their closed forms", arguments: [0.1, 0.3, 1.0, 2.5])
    func regularisedJacobians(gamma: Double) throws {
        let r1 = try #require(DiracGAN(.r1(gamma: gamma)).jacobian())
        #expect(close(r1.d, -gamma, 1e-8) && close(r1.b, -0.5, 1e-8) && close(r1.c, 0.5, 1e-8))
        // (-gamma +- sqrt(gamma^2 - 1)) / 2: complex below gamma = 1, real above.
        let eig = r1.eigenvalues
        if gamma < 1 {
            #expect(close(eig[0].real, -gamma / 2, 1e-8) && close(eig[0].imaginary, (1 - gamma * gamma).squareRoot() / 2, 1e-7))
        } else {
            #expect(close(eig[0].real, (-gamma + (gamma * gamma - 1).squareRoot()) / 2, 1e-7) && eig[0].imaginary == 0)
        }
        let noise = try #require(DiracGAN(.instanceNoise(std: gamma)).jacobian())
        #expect(close(noise.d, -gamma * gamma / 2, 1e-7) && close(noise.b, -0.5, 1e-8) && close(noise.c, 0.5, 1e-8) && close(noise.a, 0, 1e-8))
        let consensus = try #require(DiracGAN(.consensus(gamma: gamma)).jacobian())
        #expect(close(consensus.a, -gamma / 4, 1e-8) && close(consensus.d, -gamma / 4, 1e-8) && close(consensus.b, -0.5, 1e-8))
        #expect(DiracGAN(.wganGP(gamma: gamma, target: 0.3)).jacobian() == nil, "the field jumps at psi = 0")
        let clip = try #require(DiracGAN(.wganClipping(clip: 0.3)).jacobian())
        #expect(clip == Matrix2(0, -1, 1, 0) || (close(clip.b, -1, 1e-9) && close(clip.c, 1, 1e-9)))
    }

    @Test("simultaneous gradient descent on the unregularised GAN moves away from the equilibrium, from any start", arguments: 0..<10)
    func simultaneousMovesAway(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let start = DiracPoint(theta: 0.05 + rng.nextUniform(), psi: rng.nextUniform() - 0.5)
        let d = DiracGAN(.gan).trajectory(from: start, stepSize: 0.2, steps: 500, scheme: .simultaneous).map(\.distance)
        // Near (0, 0) each step multiplies the distance by |1 + h i/2| = sqrt(1 + h^2/4) > 1 exactly.
        #expect(d.last! > 1.5 * d.first!, "seed \(seed): \(d.first!) -> \(d.last!)")
        #expect(zip(d, d.dropFirst()).allSatisfy { $1 >= $0 * (1 - 1e-12) }, "seed \(seed): the distance never shrinks")
        #expect(TrajectoryBehaviour.classify(distances: d).behaviour == .diverges, "seed \(seed)")
    }

    @Test("alternating gradient descent on the unregularised GAN stays on a bounded orbit that neither grows nor shrinks",
          arguments: 0..<10)
    func alternatingStaysBounded(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let start = DiracPoint(theta: 0.2 + rng.nextUniform(), psi: rng.nextUniform() - 0.5)
        let d = DiracGAN(.gan).trajectory(from: start, stepSize: 0.2, steps: 5000, scheme: .alternating).map(\.distance)
        let early = d[..<500], late = d[4500...]
        #expect(late.max()! < 1.5 * early.max()!, "seed \(seed): bounded")
        #expect(late.min()! > 0.5 * early.min()!, "seed \(seed): not converging either")
        #expect(TrajectoryBehaviour.classify(distances: d).behaviour == .cycles, "seed \(seed)")
    }

    @Test("R1 with gamma = 0.3 converges from (1, 1), both schemes; R2 is the same field on the Dirac-GAN")
    func r1Converges() {
        for scheme in UpdateScheme.allCases {
            let path = DiracGAN(.r1(gamma: 0.3)).trajectory(scheme: scheme)
            #expect(path.count == 501 && path[0] == DiracPoint(theta: 1, psi: 1))
            #expect(path.last!.distance < 1e-4, "\(scheme): ended at \(path.last!.distance)")
            #expect(TrajectoryBehaviour.classify(distances: path.map(\.distance)).behaviour == .converges)
            #expect(DiracGAN(.r2(gamma: 0.3)).trajectory(scheme: scheme) == path)
        }
    }

    @Test("the update map's spectral radius at the equilibrium: sqrt(1 + h^2/4) simultaneous, 1 alternating, below 1 with R1")
    func updateOperator() throws {
        let h = 0.2
        let sim = try #require(DiracGAN(.gan).updateJacobian(stepSize: h, scheme: .simultaneous))
        #expect(close(sim.spectralRadius, (1 + h * h / 4).squareRoot(), 1e-8))
        let alt = try #require(DiracGAN(.gan).updateJacobian(stepSize: h, scheme: .alternating))
        #expect(close(alt.spectralRadius, 1, 1e-8) && close(alt.determinant, 1, 1e-8), "alternating preserves area")
        let r1 = try #require(DiracGAN(.r1(gamma: 0.3)).updateJacobian(stepSize: h, scheme: .simultaneous))
        #expect(r1.spectralRadius < 0.99)
    }

    @Test("WGAN's clipping keeps psi within [-c, c] along the whole trajectory")
    func clipping() {
        for scheme in UpdateScheme.allCases {
            let path = DiracGAN(.wganClipping(clip: 0.3)).trajectory(scheme: scheme)
            #expect(path.dropFirst().allSatisfy { Swift.abs($0.psi) <= 0.3 }, "\(scheme)")
        }
    }

    @Test("the Gaussian quadrature integrates the moments 1, u^2 and u^4 of N(0, 1) to 1e-14, 1e-13 and 1e-11 (the tails beyond 8)")
    func quadrature() {
        func moment(_ k: Double) -> Double { zip(GaussianQuadrature.nodes, GaussianQuadrature.weights).reduce(0) { $0 + $1.1 * Foundation.pow($1.0, k) } }
        #expect(Swift.abs(moment(0) - 1) < 1e-14 && Swift.abs(moment(2) - 1) < 1e-13 && Swift.abs(moment(4) - 3) < 1e-11)
        #expect(Swift.abs(moment(1)) < 1e-15 && Swift.abs(moment(3)) < 1e-14)
    }

    @Test("2x2 eigenvalues: known matrices")
    func eigenvalues() {
        #expect(Matrix2(2, 0, 0, -3).eigenvalues == [Complex(2, 0), Complex(-3, 0)])
        #expect(Matrix2(0, -2, 2, 0).eigenvalues == [Complex(0, 2), Complex(0, -2)])
        #expect(Matrix2(1, -1, 1, 1).eigenvalues == [Complex(1, 1), Complex(1, -1)])
        #expect(Matrix2(1, -1, 1, 1).spectralRadius == 2.0.squareRoot())
        #expect(Complex(0, 0.5).description == "0.5i" && Complex(-0.15, -0.477).description == "-0.15 - 0.477i" && Complex(0, -1).description == "-i")
    }
}

@Suite("Classifying a trajectory by its distances")
struct TrajectoryBehaviourTests {
    @Test("geometric decay converges, t^(-1/2) converges slowly, a constant orbit cycles, growth diverges, NaN diverges")
    func classes() {
        let t = (0...500).map(Double.init)
        #expect(TrajectoryBehaviour.classify(distances: t.map { Foundation.pow(0.99, $0) }).behaviour == .converges)
        #expect(TrajectoryBehaviour.classify(distances: t.map { 1 / ($0 + 1).squareRoot() }).behaviour == .convergesSlowly)
        #expect(TrajectoryBehaviour.classify(distances: t.map { 1 + 0.3 * Foundation.sin($0 / 3) }).behaviour == .cycles)
        #expect(TrajectoryBehaviour.classify(distances: t.map { Foundation.pow(1.002, $0) }).behaviour == .diverges)
        #expect(TrajectoryBehaviour.classify(distances: [1, 2, .nan, 4, 5, 6, 7, 8]).behaviour == .diverges)
        #expect(TrajectoryBehaviour.classify(distances: t.map { $0 < 400 ? 1 : 1e-4 }).behaviour == .converges)
        // Far out and barely moving: it left, so it diverged (the GAN at h = 1 does this).
        #expect(TrajectoryBehaviour.classify(distances: t.map { $0 < 50 ? 1 + Double($0) / 10 : 6 + 1e-4 * $0 }).behaviour == .diverges)
    }

    @Test("the ratio is mean(last quarter) / mean(second quarter)")
    func ratio() {
        let d = (0..<100).map { $0 < 50 ? 2.0 : 3.0 }
        #expect(TrajectoryBehaviour.classify(distances: d).ratio == 1.5)
    }
}
