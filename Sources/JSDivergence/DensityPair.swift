import Foundation
import Autodiff
import ToyData

/// Two known densities on one quadrature grid, and the integrals of note 1 between them: the KL
/// and JS divergences and the GAN value function.
///
/// In the GAN reading `p` is the data density `p_data` and `q` the generator's `p_g`. With the
/// logs `lp = log p(x)`, `lq = log q(x)` and `lm = log((p(x) + q(x)) / 2)` at every node (all
/// finite, see `GaussianMixture.logPdf`), composite Simpson quadrature (`QuadratureRule`) gives
///
/// ```
/// KL(p || q)  = int p (lp - lq) dx                                  (Kullback and Leibler 1951)
/// JS(p, q)    = 1/2 int p (lp - lm) dx + 1/2 int q (lq - lm) dx      (Lin 1991)
/// V(D, G)     = int p log D dx + int q log(1 - D) dx
///             = -int p softplus(-l) dx - int q softplus(l) dx        (D = sigmoid(l); Goodfellow et al. 2014)
/// V(D*, G)    = V at l* = lp - lq, the logit of D* = p / (p + q)
/// ```
///
/// Every result is an `Integral`: the value and Richardson's estimate of the quadrature error.
/// Nothing is clamped: a JS slightly outside `[0, log 2]` would be a bug the tests must see.
///
/// Mathematical properties the tests check (Goodfellow et al. 2014, Proposition 1 and Theorem 1):
/// `0 <= JS <= log 2`; `JS(p, q) = JS(q, p)`; `JS = 0` if and only if `p = q`; `JS = log 2` when the
/// supports are (numerically) disjoint, whatever the distance; `KL >= 0` and the closed form for two
/// Gaussians; `V(D*, G) = -log 4 + 2 JS(p, q)`; and `V(D, G) <= V(D*, G)` for every other `D`.
public struct DensityPair: Sendable {
    /// The data density `p_data`.
    public let p: GaussianMixture
    /// The generator's density `p_g`.
    public let q: GaussianMixture
    /// The nodes and weights of every integral.
    public let rule: QuadratureRule
    /// `log p` and `log q` at the nodes.
    public let logP: [Double]
    public let logQ: [Double]

    /// - Parameters:
    ///   - p: the data density, 1-D or 2-D.
    ///   - q: the generator's density, of the same dimension.
    ///   - rule: the quadrature; `nil` covers both mixtures (`QuadratureRule.covering`).
    public init(p: GaussianMixture, q: GaussianMixture, rule: QuadratureRule? = nil) {
        precondition(p.dimension == q.dimension, "DensityPair: p is \(p.dimension)-D, q is \(q.dimension)-D")
        let rule = rule ?? QuadratureRule.covering([p, q])
        precondition(rule.dimension == p.dimension, "DensityPair: a \(rule.dimension)-D rule for \(p.dimension)-D densities")
        self.p = p
        self.q = q
        self.rule = rule
        logP = p.logPdf(rows: rule.coordinates)
        logQ = q.logPdf(rows: rule.coordinates)
    }

    /// `int p dx` and `int q dx`: 1 up to the quadrature error (a check on the grid).
    public var massP: Integral { rule.integrate(logP.map { Foundation.exp($0) }) }
    public var massQ: Integral { rule.integrate(logQ.map { Foundation.exp($0) }) }

    /// `KL(p || q) = int p log(p / q) dx`, in nats.
    public var klDivergence: Integral { DensityPair.kl(logP, logQ, rule) }
    /// `KL(q || p)`, in nats.
    public var reverseKLDivergence: Integral { DensityPair.kl(logQ, logP, rule) }

    static func kl(_ logA: [Double], _ logB: [Double], _ rule: QuadratureRule) -> Integral {
        rule.integrate(logA.indices.map { i in Foundation.exp(logA[i]) * (logA[i] - logB[i]) })
    }

    /// `JS(p, q) = 1/2 KL(p || m) + 1/2 KL(q || m)` with `m = (p + q) / 2`, in nats.
    public var jsDivergence: Integral {
        let log2 = Foundation.log(2.0)
        return rule.integrate(logP.indices.map { i in
            let lp = logP[i], lq = logQ[i]
            let lm = logAddExp(lp, lq) - log2
            return 0.5 * (Foundation.exp(lp) * (lp - lm) + Foundation.exp(lq) * (lq - lm))
        })
    }

    /// The total variation distance `1/2 int |p - q| dx`. (The integrand has kinks where `p = q`,
    /// so its quadrature error falls like `h^2` there, not `h^4`; it serves as a bound in tests.)
    public var totalVariation: Integral {
        rule.integrate(logP.indices.map { 0.5 * Swift.abs(Foundation.exp(logP[$0]) - Foundation.exp(logQ[$0])) })
    }

    /// The triangular discrimination `int (p - q)^2 / (p + q) dx`; `Delta / 4 <= JS <= log 2 * TV`.
    public var triangularDiscrimination: Integral {
        rule.integrate(logP.indices.map { i in
            let a = Foundation.exp(logP[i]), b = Foundation.exp(logQ[i])
            return a + b > 0 ? (a - b) * (a - b) / (a + b) : 0
        })
    }

    /// `E_{x ~ q} D*(x) = int p q / (p + q) dx`: how much the optimal discriminator is fooled by
    /// the generator's own samples. It equals `1/2 - Delta/4` (`Delta` the triangular
    /// discrimination), so it is 1/2 when `p = q` and falls to 0 as the supports part. Against
    /// `D*`, the minimax generator's gradient carries this factor (see `JSVersusDistance`).
    public var optimalDiscriminatorOnGenerator: Integral {
        rule.integrate(logP.indices.map { Foundation.exp(logQ[$0]) * sigmoid(logP[$0] - logQ[$0]) })
    }

    /// `V(D*, G)`, the value of the game when the discriminator is optimal; equals
    /// `-log 4 + 2 JS(p, q)` (Goodfellow et al. 2014, Theorem 1), computed here without JS.
    public var optimalValue: Integral { value(logits: logP.indices.map { logP[$0] - logQ[$0] }) }

    /// `V(D, G) = E_p log D + E_q log(1 - D)` for the discriminator whose logits at the nodes are
    /// `logits` (`D = sigmoid(logit)`), by the stable forms `log D = -softplus(-l)`,
    /// `log(1 - D) = -softplus(l)`.
    public func value(logits: [Double]) -> Integral {
        precondition(logits.count == rule.count, "DensityPair.value: \(logits.count) logits for \(rule.count) nodes")
        return rule.integrate(logits.indices.map { i in
            -Foundation.exp(logP[i]) * softplus(-logits[i]) - Foundation.exp(logQ[i]) * softplus(logits[i])
        })
    }

    /// `V(D, G)` for a discriminator given as a function from a point to its logit.
    public func value(logit: ([Double]) -> Double) -> Integral {
        value(logits: (0..<rule.count).map { logit(rule.node($0)) })
    }
}

/// `JS(p, q)` between two Gaussian mixtures by quadrature (see `DensityPair`), in nats.
public func jsDivergence(_ p: GaussianMixture, _ q: GaussianMixture) -> Integral {
    DensityPair(p: p, q: q).jsDivergence
}

/// `KL(p || q)` between two Gaussian mixtures by quadrature (see `DensityPair`), in nats.
public func klDivergence(_ p: GaussianMixture, _ q: GaussianMixture) -> Integral {
    DensityPair(p: p, q: q).klDivergence
}
