import Foundation
import Autodiff
import ToyData

/// The discriminator that maximises the GAN value for a fixed generator (Goodfellow et al. 2014,
/// Proposition 1):
///
/// ```
/// D*(x) = p_data(x) / (p_data(x) + p_g(x)) = sigmoid(log p_data(x) - log p_g(x))
/// ```
///
/// Why: `V(D, G) = int [p_data(x) log D(x) + p_g(x) log(1 - D(x))] dx`, and for each `x` the
/// function `y -> a log y + b log(1 - y)` with `a, b >= 0` peaks at `y = a / (a + b)`.
/// Its logit is the log density ratio, which is how it is computed here: two finite logs and
/// one difference, so `D*` stays exact where both densities underflow.
///
/// Properties the tests check: `0 <= D* <= 1`; `D* = 1/2` wherever the densities are equal (so
/// everywhere when `p_g = p_data`); `D*` agrees with `p / (p + q)` from `pdf`; its value is
/// `-log 4 + 2 JS` and no perturbed discriminator beats it.
public struct OptimalDiscriminator: Sendable {
    public let data: GaussianMixture
    public let generator: GaussianMixture

    public init(data: GaussianMixture, generator: GaussianMixture) {
        precondition(data.dimension == generator.dimension,
                     "OptimalDiscriminator: data is \(data.dimension)-D, the generator \(generator.dimension)-D")
        self.data = data
        self.generator = generator
    }

    /// `log p_data(x) - log p_g(x)`, the logit of `D*(x)`.
    public func logit(_ x: [Double]) -> Double { data.logPdf(x) - generator.logPdf(x) }

    /// `D*(x)` in `[0, 1]`.
    public func callAsFunction(_ x: [Double]) -> Double { sigmoid(logit(x)) }

    /// `D*(x)` of 1-D densities.
    public func callAsFunction(_ x: Double) -> Double { self([x]) }

    /// `V(D*, G) = -log 4 + 2 JS(p_data, p_g)`, by quadrature (see `DensityPair.optimalValue`).
    public func value(rule: QuadratureRule? = nil) -> Integral {
        DensityPair(p: data, q: generator, rule: rule).optimalValue
    }
}
