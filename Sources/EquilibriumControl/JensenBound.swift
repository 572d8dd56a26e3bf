import Foundation
import Autodiff
import NeuralNet
import Metrics

// BEGAN's bridge from WGAN to an autoencoder critic (Berthelot, Schumm and Metz 2017, "BEGAN",
// section 3.1). Instead of comparing the distributions of samples, BEGAN compares the
// distributions mu_1, mu_2 of the autoencoder's reconstruction losses on real and generated
// samples, real numbers, and bounds the Wasserstein distance between them from below by Jensen's
// inequality (|.| is convex):
//
//     W1(mu_1, mu_2) = inf_gamma E_(x1,x2)~gamma |x1 - x2|  >=  inf_gamma |E (x1 - x2)|  =  |m_1 - m_2|
//
// since every coupling gamma has the same marginals, hence the same E(x1 - x2) = m_1 - m_2.
// Lesson 3 builds the BEGAN objective on this bound.

/// How a reconstruction error is measured: BEGAN's `L(v) = |v - D(v)|^eta`, `eta` 1 or 2,
/// averaged over a sample's coordinates.
public enum ReconstructionNorm: Int, Sendable, Codable, CaseIterable {
    case l1 = 1, l2 = 2
}

/// The reconstruction loss of each row of `points` `[N, d]` through `autoencoder` (`[N, d] -> [N, d]`):
///
/// ```
/// L(v_i) = (1/d) sum_j |v_ij - D(v_i)_j|^eta
/// ```
///
/// - Returns: `N` non-negative numbers: a sample of the loss distribution `mu`.
public func reconstructionLosses(of points: Tensor, through autoencoder: any Layer, norm: ReconstructionNorm = .l1) -> [Double] {
    withoutGradients {
        let reconstruction = autoencoder(Variable(points), training: false).value      // [N, d]
        precondition(reconstruction.shape == points.shape,
                     "reconstructionLosses: the autoencoder maps \(points.shape) to \(reconstruction.shape)")
        let residual = (points - reconstruction).abs()                                  // [N, d]
        let powered = norm == .l1 ? residual : residual.square()
        return powered.mean(alongAxes: [1]).scalars                                     // [N]
    }
}

/// BEGAN's lower bound on `W1(mu_1, mu_2)` for two samples of real numbers: `|m_1 - m_2|`, the
/// distance between their means.
///
/// Properties the tests check: never above the exact 1-D `W1` (`wasserstein1D`) on many seeded
/// autoencoders and data sets; equal to it when one sample is a shift of the other, and whenever
/// one empirical quantile function lies above the other everywhere (then `|F^-1 - G^-1|` has one sign).
public func jensenLowerBound(_ losses1: [Double], _ losses2: [Double]) -> Double {
    precondition(!losses1.isEmpty && !losses2.isEmpty, "jensenLowerBound: needs two non-empty samples")
    let m1 = losses1.reduce(0, +) / Double(losses1.count)
    let m2 = losses2.reduce(0, +) / Double(losses2.count)
    return Swift.abs(m1 - m2)
}
