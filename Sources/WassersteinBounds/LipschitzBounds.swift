import Foundation
import Autodiff
import NeuralNet

// What weight clipping does and does not guarantee. For an MLP
//
//     f(x) = W_L a(... a(x W_1 + b_1) ...) + b_L
//
// with 1-Lipschitz activations a, the chain rule bounds the Lipschitz constant (Euclidean norms) by
// the product of the layers' spectral norms, and clipping bounds each spectral norm:
//
//     Lip(f) <= prod_l ||W_l||_2 <= prod_l ||W_l||_F <= prod_l c sqrt(n_(l-1) n_l)
//
// because a matrix with entries in [-c, c] has Frobenius norm at most c sqrt(rows cols). So a
// clipped critic is K-Lipschitz for a K fixed by c and the widths alone (Arjovsky et al. 2017,
// section 3): the constant the WGAN estimate is scaled by. The last bound is attained: the
// constant matrix c has spectral norm exactly c sqrt(rows cols).

/// The Lipschitz bound that clipping every weight to `[-c, c]` guarantees for an MLP of these
/// widths with 1-Lipschitz activations:
///
/// ```
/// K(c) = prod_{l=1}^{L} c sqrt(n_(l-1) n_l)        widths = [n_0, n_1, ..., n_L]
/// ```
///
/// Properties the tests check: the measured input-gradient norms of clipped critics never exceed
/// it; it is attained by a linear network whose weights all equal `c`.
public func clippedLipschitzBound(widths: [Int], clipValue c: Double) -> Double {
    precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 } && c > 0,
                 "clippedLipschitzBound: needs at least two positive widths and c > 0, got \(widths), c = \(c)")
    return zip(widths, widths.dropFirst()).reduce(1.0) { k, layer in
        k * c * (Double(layer.0) * Double(layer.1)).squareRoot()
    }
}

/// The tighter bound `prod_l ||W_l||_2` of a network's `Linear` layers, spectral norms by power
/// iteration. An upper bound on the Lipschitz constant when every activation is 1-Lipschitz.
public func spectralLipschitzBound(of network: any Layer) -> Double {
    linearLayers(of: network).reduce(1.0) { $0 * spectralNorm($1.weight.value) }
}

/// `||grad_x f(x_i)||_2` at each row of `points` `[N, d]`: the critic's slope where it is measured.
/// Every value is a lower bound on the critic's Lipschitz constant.
public func inputGradientNorms(of critic: any Layer, at points: Tensor) -> [Double] {
    let g = criticInputGradients(critic, at: Variable(points), createGraph: false)   // [N, d]
    return perSampleSquaredNorms(g).value.scalars.map { $0.squareRoot() }
}

/// The critic's estimate `E_P f - E_Q f` on two samples `[N, d]` and `[M, d]`: the dual objective
/// of Kantorovich-Rubinstein. For a 1-Lipschitz `f` it never exceeds `W1(P, Q)`; for a
/// K-Lipschitz one, `K W1(P, Q)`.
public func criticEstimate(_ critic: any Layer, real: Tensor, fake: Tensor) -> Double {
    withoutGradients {
        critic(Variable(real), training: false).value.mean().scalar
            - critic(Variable(fake), training: false).value.mean().scalar
    }
}
