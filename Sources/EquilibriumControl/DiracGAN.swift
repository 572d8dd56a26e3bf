import Foundation

/// The Dirac-GAN (Mescheder, Geiger, Nowozin 2018, "Which Training Methods for GANs do actually
/// Converge?", section 2.2): the smallest GAN that shows whether gradient descent can reach an
/// equilibrium at all.
///
/// ```
/// data        p_data = delta_0              (all data at x = 0)
/// generator   p_theta = delta_theta         (one parameter: where its single point sits)
/// discriminator D_psi(x) = psi x            (one parameter: a slope)
///
/// L(theta, psi) = f(D_psi(theta)) + f(-D_psi(0)) = f(psi theta) + f(0)
/// f(t) = -log(1 + exp(-t)),  f'(t) = sigmoid(-t),  f'(0) = 1/2,  f''(t) = -sigmoid(t) sigmoid(-t)
/// ```
///
/// This is the paper's convention: `L = E f(D(G(z))) + E f(-D(x))`, the discriminator maximises
/// `L` and the generator minimises it, so `psi x` is the discriminator's logit for "generated"
/// (flipping the sign of `psi` gives the usual "real" logit and mirrors every trajectory; no
/// statement about convergence changes). The unique equilibrium is `(theta, psi) = (0, 0)`:
/// the generator sits on the data and the discriminator is flat.
///
/// Training follows the *gradient vector field*
///
/// ```
/// v(theta, psi) = ( -d/dtheta L_G(theta, psi),  +d/dpsi L_D(theta, psi) )
/// ```
///
/// (descent for the generator, ascent for the discriminator), with step `h`, simultaneously or
/// alternately (see `DiracGAN+Dynamics.swift`). Each `Method` below states its losses and the
/// field derived from them; `vectorField(theta:psi:)` is that field, written out by hand, and
/// `losses(theta:psi:)` the losses themselves. The tests check every field against central
/// differences of its losses, and the GAN's and consensus optimisation's fields against the
/// `Autodiff` engine (consensus needs a gradient of a gradient).
///
/// Properties (tested): the GAN's Jacobian at `(0, 0)` is `[[0, -1/2], [1/2, 0]]`, eigenvalues
/// `+- i/2`; simultaneous steps never bring it closer (`|p'|^2 = |p|^2 + h^2 |v|^2`), alternating
/// steps stay on a bounded orbit; R1 with `gamma = 0.3` converges from `(1, 1)` with `h = 0.2`.
public struct DiracGAN: Sendable, Hashable {
    /// A training method, with its hyperparameters (defaults: the values of the paper's Dirac-GAN code).
    public enum Method: Sendable, Hashable, Codable {
        /// The unregularised GAN. `L_D = L_G = f(psi theta) + f(0)`:
        /// ```
        /// v = ( -psi f'(psi theta),  theta f'(psi theta) )
        /// J(0, 0) = [[0, -f'(0)], [f'(0), 0]],  eigenvalues +- f'(0) i = +- i/2
        /// ```
        case gan
        /// The non-saturating GAN: the discriminator as above; the generator instead maximises
        /// the log-probability that its sample is called real, `f(-D(theta))`, i.e. minimises
        /// `L_G = -f(-psi theta)`:
        /// ```
        /// v = ( -psi f'(-psi theta),  theta f'(psi theta) )
        /// J(0, 0) = [[0, -f'(0)], [f'(0), 0]]   (the same as the GAN's: same local behaviour)
        /// ```
        case nonSaturating
        /// WGAN with weight clipping: `f(t) = t`, so `L = psi theta`, and after every
        /// discriminator step `psi <- clip(psi, -c, c)`:
        /// ```
        /// v = ( -psi, theta ),   J(0, 0) = [[0, -1], [1, 0]],  eigenvalues +- i
        /// ```
        case wganClipping(clip: Double = 0.3)
        /// WGAN-GP: `f(t) = t`, and the discriminator maximises `psi theta - gamma/2 (|psi| - g0)^2`
        /// (`grad_x D = psi` everywhere, so the penalty at interpolates is this one number):
        /// ```
        /// v = ( -psi,  theta - gamma (|psi| - g0) sign(psi) )
        /// ```
        /// The field jumps at `psi = 0` (by `2 gamma g0`), so it has no Jacobian at the equilibrium.
        case wganGP(gamma: Double = 1, target: Double = 0.3)
        /// The GAN with the R1 penalty on the data: the discriminator maximises
        /// `L - gamma/2 E_data (d/dx D(x))^2 = L - gamma/2 psi^2`:
        /// ```
        /// v = ( -psi f'(psi theta),  theta f'(psi theta) - gamma psi )
        /// J(0, 0) = [[0, -f'(0)], [f'(0), -gamma]],  eigenvalues (-gamma +- sqrt(gamma^2 - 4 f'(0)^2)) / 2
        /// ```
        case r1(gamma: Double = 0.3)
        /// The GAN with the R2 penalty on generated samples, `gamma/2 E_{p_theta} (d/dx D(x))^2`.
        /// `D` is linear, so its slope is `psi` there too: the field is exactly R1's.
        case r2(gamma: Double = 0.3)
        /// Instance noise: both real and generated samples are blurred, `x + eps`, `eps ~ N(0, sigma^2)`:
        /// ```
        /// L = E_eps f(psi (theta + eps)) + E_eps f(-psi eps)
        /// v = ( -E psi f'(psi (theta + eps)),  E (theta + eps) f'(psi (theta + eps)) - E eps f'(-psi eps) )
        /// J(0, 0) = [[0, -f'(0)], [f'(0), 2 sigma^2 f''(0)]] = [[0, -1/2], [1/2, -sigma^2/2]]
        /// ```
        /// The expectations are computed by quadrature (not sampled), so the field is deterministic.
        case instanceNoise(std: Double = 1)
        /// Consensus optimisation (Mescheder, Nowozin, Geiger 2017) on the GAN: both players also
        /// descend `L_c = 1/2 ||v||^2`, the squared size of the field:
        /// ```
        /// v_c = v - gamma grad(1/2 ||v||^2) = v - gamma J^T v
        /// J_c(0, 0) = J - gamma J^T J = [[-gamma f'(0)^2, -f'(0)], [f'(0), -gamma f'(0)^2]]
        /// ```
        case consensus(gamma: Double = 0.3)

        /// A short name for tables and the command line.
        public var name: String {
            switch self {
            case .gan: "gan"
            case .nonSaturating: "ns-gan"
            case .wganClipping: "wgan-clip"
            case .wganGP: "wgan-gp"
            case .r1: "r1"
            case .r2: "r2"
            case .instanceNoise: "instance-noise"
            case .consensus: "consensus"
            }
        }

        /// The hyperparameter, in words: `gamma 0.3`, `clip 0.3`, ...
        public var setting: String {
            switch self {
            case .gan, .nonSaturating: "-"
            case .wganClipping(let c): "clip \(c)"
            case let .wganGP(g, t): "gamma \(g), g0 \(t)"
            case .r1(let g), .r2(let g), .consensus(let g): "gamma \(g)"
            case .instanceNoise(let s): "sigma \(s)"
            }
        }

        /// Every method of the experiment; `gamma` sets the R1, R2 and consensus weights.
        public static func all(gamma: Double = 0.3) -> [Method] {
            [.gan, .nonSaturating, .wganClipping(), .wganGP(), .r1(gamma: gamma), .r2(gamma: gamma),
             .instanceNoise(), .consensus(gamma: gamma)]
        }
    }

    public let method: Method

    public init(_ method: Method) {
        switch method {
        case .wganClipping(let c): precondition(c > 0, "DiracGAN: the clip value must be positive, got \(c)")
        case .instanceNoise(let s): precondition(s >= 0, "DiracGAN: the noise std must be >= 0, got \(s)")
        case .r1(let g), .r2(let g), .consensus(let g), .wganGP(let g, _):
            precondition(g >= 0, "DiracGAN: gamma must be >= 0, got \(g)")
        case .gan, .nonSaturating: break
        }
        self.method = method
    }

    /// The equilibrium `(theta*, psi*) = (0, 0)` of every method here.
    public static let equilibrium = DiracPoint(theta: 0, psi: 0)

    /// `v(theta, psi)`: the direction the parameters move in (times the step `h`).
    public func vectorField(theta: Double, psi: Double) -> DiracPoint {
        let fp = DiracGAN.fPrime
        switch method {
        case .gan:
            return DiracPoint(theta: -psi * fp(psi * theta), psi: theta * fp(psi * theta))
        case .nonSaturating:
            return DiracPoint(theta: -psi * fp(-psi * theta), psi: theta * fp(psi * theta))
        case .wganClipping:
            return DiracPoint(theta: -psi, psi: theta)
        case let .wganGP(gamma, target):
            let sign: Double = psi > 0 ? 1 : (psi < 0 ? -1 : 0)
            return DiracPoint(theta: -psi, psi: theta - gamma * (Swift.abs(psi) - target) * sign)
        case .r1(let gamma), .r2(let gamma):
            return DiracPoint(theta: -psi * fp(psi * theta), psi: theta * fp(psi * theta) - gamma * psi)
        case .instanceNoise(let std):
            // E over eps ~ N(0, std^2), by quadrature on eps = std u, u ~ N(0, 1).
            var vTheta = 0.0, vPsi = 0.0
            for (u, w) in zip(GaussianQuadrature.nodes, GaussianQuadrature.weights) {
                let eps = std * u
                let fake = theta + eps
                vTheta += w * (-psi * fp(psi * fake))
                vPsi += w * (fake * fp(psi * fake) - eps * fp(-psi * eps))
            }
            return DiracPoint(theta: vTheta, psi: vPsi)
        case .consensus(let gamma):
            // v = (a, b) = (-psi f'(s), theta f'(s)), s = psi theta. Its Jacobian J:
            //   da/dtheta = -psi^2 f''(s)          da/dpsi = -f'(s) - s f''(s)
            //   db/dtheta = f'(s) + s f''(s)       db/dpsi = theta^2 f''(s)
            // grad(1/2 ||v||^2) = J^T v.
            let s = psi * theta
            let f1 = fp(s), f2 = DiracGAN.fSecond(s)
            let a = -psi * f1, b = theta * f1
            let daT = -psi * psi * f2, daP = -f1 - s * f2
            let dbT = f1 + s * f2, dbP = theta * theta * f2
            let gradT = daT * a + dbT * b, gradP = daP * a + dbP * b
            return DiracPoint(theta: a - gamma * gradT, psi: b - gamma * gradP)
        }
    }

    /// The two losses the field is derived from: the discriminator *maximises* `discriminator`
    /// over `psi`, the generator *minimises* `generator` over `theta`, and
    /// `v = (-d generator / d theta, d discriminator / d psi)`. (Consensus optimisation adds
    /// `-gamma L_c` to the first and `+gamma L_c` to the second, `L_c = 1/2 ||v_GAN||^2`.) The tests
    /// check `vectorField` against central differences of these, method by method.
    public func losses(theta: Double, psi: Double) -> (discriminator: Double, generator: Double) {
        let f = DiracGAN.f
        let gan = f(psi * theta) + f(0)
        switch method {
        case .gan: return (gan, gan)
        case .nonSaturating: return (gan, -f(-psi * theta))
        case .wganClipping: return (psi * theta, psi * theta)
        case let .wganGP(gamma, target):
            let gap = Swift.abs(psi) - target
            return (psi * theta - gamma / 2 * gap * gap, psi * theta)
        case .r1(let gamma), .r2(let gamma): return (gan - gamma / 2 * psi * psi, gan)
        case .instanceNoise(let std):
            var l = 0.0
            for (u, w) in zip(GaussianQuadrature.nodes, GaussianQuadrature.weights) {
                l += w * (f(psi * (theta + std * u)) + f(-psi * std * u))
            }
            return (l, l)
        case .consensus(let gamma):
            let v = DiracGAN(.gan).vectorField(theta: theta, psi: psi)
            let lc = (v.theta * v.theta + v.psi * v.psi) / 2
            return (gan - gamma * lc, gan + gamma * lc)
        }
    }

    /// What happens to the parameters after a discriminator step: WGAN's clipping of `psi`.
    public func project(_ p: DiracPoint) -> DiracPoint {
        guard case .wganClipping(let c) = method else { return p }
        return DiracPoint(theta: p.theta, psi: Swift.min(Swift.max(p.psi, -c), c))
    }

    // MARK: f and its derivatives

    /// `f(t) = -log(1 + exp(-t)) = log sigmoid(t)`, written so that it never overflows.
    public static func f(_ t: Double) -> Double { t >= 0 ? -Foundation.log1p(Foundation.exp(-t)) : t - Foundation.log1p(Foundation.exp(t)) }
    /// `f'(t) = sigmoid(-t)`; `f'(0) = 1/2`.
    public static func fPrime(_ t: Double) -> Double { sigmoid(-t) }
    /// `f''(t) = -sigmoid(t) sigmoid(-t)`; `f''(0) = -1/4`.
    public static func fSecond(_ t: Double) -> Double { -sigmoid(t) * sigmoid(-t) }

    static func sigmoid(_ t: Double) -> Double {
        t >= 0 ? 1 / (1 + Foundation.exp(-t)) : Foundation.exp(t) / (1 + Foundation.exp(t))
    }
}

/// A point `(theta, psi)` of the Dirac-GAN's parameter plane (also used for a field's value there).
public struct DiracPoint: Codable, Sendable, Hashable {
    public var theta: Double
    public var psi: Double
    public init(theta: Double, psi: Double) { self.theta = theta; self.psi = psi }
    /// Euclidean distance to the equilibrium `(0, 0)`.
    public var distance: Double { (theta * theta + psi * psi).squareRoot() }
}

/// Expectations under a standard normal by the trapezoid rule on `[-8, 8]` with spacing 0.1:
/// `E g(u) ~ sum_i w_i g(u_i)`, `w_i = phi(u_i) * 0.1`. For smooth `g` of moderate growth the
/// trapezoid rule against a Gaussian converges faster than any power of the spacing; what remains
/// is the cut tail: `E 1`, `E u^2`, `E u^4` come out right to 1e-15, 1e-13 and 4e-12 (tested).
enum GaussianQuadrature {
    static let spacing = 0.1
    static let nodes: [Double] = (-80...80).map { Double($0) * spacing }
    static let weights: [Double] = nodes.map { Foundation.exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() * spacing }
}
