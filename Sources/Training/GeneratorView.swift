import Autodiff
import NeuralNet

/// How the generator sees the plane: where it sends a regular grid of noise, and which way its
/// loss pushes each sample. Both are computed from the model, not drawn by hand.
public enum GeneratorView {
    /// The generator manifold: the images under `generator` of the lines of a regular grid in the
    /// first two noise coordinates (the others held at 0), `z_1, z_2 in [-extent, extent]`.
    ///
    /// A generator that has folded the plane shows crossing lines; one that has collapsed shows
    /// lines squeezed onto a few points. With one noise coordinate there is a single curve.
    ///
    /// - Parameters:
    ///   - lines: grid lines in each direction.
    ///   - pointsPerLine: samples along each line.
    /// - Returns: one polyline per grid line, each a list of points `[x, y]` in data space
    ///   (first the lines of constant `z_2`, then those of constant `z_1`).
    public static func manifold(generator: any Layer, noiseDimension: Int, extent: Double = 2,
                                lines: Int = 9, pointsPerLine: Int = 33) -> [[[Double]]] {
        precondition(noiseDimension >= 1 && lines >= 2 && pointsPerLine >= 2,
                     "GeneratorView.manifold: needs noiseDimension >= 1, lines >= 2, pointsPerLine >= 2")
        func grid(_ n: Int) -> [Double] { (0..<n).map { -extent + 2 * extent * Double($0) / Double(n - 1) } }
        var z: [[Double]] = []
        if noiseDimension == 1 {
            z = grid(pointsPerLine).map { [$0] }
        } else {
            for fixed in grid(lines) { for t in grid(pointsPerLine) { z.append([t, fixed]) } }   // z_2 constant
            for fixed in grid(lines) { for t in grid(pointsPerLine) { z.append([fixed, t]) } }   // z_1 constant
            z = z.map { $0 + [Double](repeating: 0, count: noiseDimension - 2) }
        }
        let images = withoutGradients {
            generator(Variable(Tensor(rows: z)), training: false).value                        // [L * P, d]
        }.rows
        return stride(from: 0, to: images.count, by: pointsPerLine).map { Array(images[$0..<($0 + pointsPerLine)]) }
    }

    /// The direction in which the generator's loss moves each generated sample: `-dL_G/dx_i`,
    /// scaled by the batch size so that it is the gradient of sample `i`'s own term of the mean.
    ///
    /// For the non-saturating GAN, `L_G = mean softplus(-D(x))`, this is `sigmoid(-D(x_i)) grad D(x_i)`:
    /// along the critic's gradient, towards "more real"; for WGAN it is `grad D(x_i)` itself.
    ///
    /// - Parameters:
    ///   - fake: `[N, d]` generated samples, the points the arrows start from.
    ///   - real: `[N, d]` data samples (relativistic losses compare against them).
    /// - Returns: `[N, d]` movement vectors.
    public static func movement(objective: any GANObjective, discriminator: any Layer,
                                fake: Tensor, real: Tensor) -> Tensor {
        let x = Variable(parameter: fake)                                                       // [N, d]
        let loss = objective.generatorLoss(discriminator: discriminator, real: Variable(real), fake: x).loss
        return gradients(of: loss, wrt: [x])[0].value * -Double(fake.shape[0])
    }
}
