import Foundation

// The named Gaussian mixtures of the GAN literature, with the constants of the papers' own code.

extension GaussianMixture {
    /// `ring8`: eight Gaussians evenly spaced on the unit circle, the "2D-ring" of PacGAN
    /// (Lin et al. 2018, "PacGAN: The power of two samples in generative adversarial networks"),
    /// which took it from VEEGAN (Srivastava et al. 2017):
    ///
    /// ```
    /// mu_i = radius (cos(2 pi i / 8), sin(2 pi i / 8)),  i = 0..<8,   sigma = 0.01,   w_i = 1/8
    /// ```
    ///
    /// The eight angles are distinct: `i` runs over `0..<8`. (Spacing the angles with
    /// `linspace(0, 2 pi, 8)` puts both 0 and 2 pi in the list and gives only seven distinct modes; a
    /// test checks that neighbouring means are `2 radius sin(pi / 8)` apart.) Label `i` is the mode
    /// at angle `2 pi i / 8`.
    public static func ring8(radius: Double = 1, std: Double = 0.01) -> GaussianMixture {
        let means = (0..<8).map { i -> [Double] in
            let angle = 2 * Double.pi * Double(i) / 8
            return [radius * Foundation.cos(angle), radius * Foundation.sin(angle)]
        }
        return GaussianMixture(means: means, stds: [Double](repeating: std, count: 8), name: "ring8",
                               summary: "8 Gaussians on the unit circle, sd 0.01 (PacGAN 2D-ring)")
    }

    /// `grid25`: 25 Gaussians on a 5 x 5 grid, the "2D-grid" of PacGAN (Lin et al. 2018) and VEEGAN:
    ///
    /// ```
    /// mu_(a,b) = (a, b),  a, b in {-4, -2, 0, 2, 4},   sigma = 0.05,   w = 1/25
    /// ```
    ///
    /// Label `5 i + j` is the mode `(-4 + 2 i, -4 + 2 j)`, the order of PacGAN's
    /// `itertools.product(range(-4, 5, 2), range(-4, 5, 2))`.
    public static func grid25(spacing: Double = 2, std: Double = 0.05) -> GaussianMixture {
        let coordinates = (-2...2).map { Double($0) * spacing }
        let means = coordinates.flatMap { a in coordinates.map { b in [a, b] } }
        return GaussianMixture(means: means, stds: [Double](repeating: std, count: 25), name: "grid25",
                               summary: "25 Gaussians on a 5x5 grid with spacing 2, sd 0.05 (PacGAN 2D-grid)")
    }

    /// `8gaussians` of the WGAN-GP toy experiments (Gulrajani et al. 2017, "Improved Training of
    /// Wasserstein GANs", `gan_toy.py`). That code draws
    ///
    /// ```
    /// x = (c + 0.02 z) / 1.414,   z ~ N(0, I),   c uniform over 2 (1, 0), 2 (-1, 0), 2 (0, 1), 2 (0, -1),
    ///                                            2 (1, 1)/sqrt 2, 2 (1, -1)/sqrt 2, 2 (-1, 1)/sqrt 2, 2 (-1, -1)/sqrt 2
    /// ```
    ///
    /// which is the mixture with means `c / 1.414` and standard deviation `0.02 / 1.414`. The
    /// divisor is the code's literal 1.414, not sqrt 2. Labels follow the order of the centres above.
    public static let eightGaussians: GaussianMixture = {
        let s: Double = 1 / Double(2).squareRoot()
        let directions: [[Double]] = [[1, 0], [-1, 0], [0, 1], [0, -1], [s, s], [s, -s], [-s, s], [-s, -s]]
        let means: [[Double]] = directions.map { direction in direction.map { 2 * $0 / 1.414 } }
        return GaussianMixture(means: means, stds: [Double](repeating: 0.02 / 1.414, count: 8), name: "8gaussians",
                               summary: "8 Gaussians at radius 2/1.414, sd 0.02/1.414 (WGAN-GP gan_toy.py)")
    }()

    /// `25gaussians` of the WGAN-GP toy experiments (Gulrajani et al. 2017, `gan_toy.py`):
    ///
    /// ```
    /// x = ((2 a, 2 b) + 0.05 z) / 2.828,   a, b in {-2, ..., 2},   z ~ N(0, I)
    /// ```
    ///
    /// that is means `(2 a, 2 b) / 2.828` and standard deviation `0.05 / 2.828`, equal weights.
    /// (The code fills a fixed data set of 100000 points with each centre equally often and shuffles
    /// it; drawing the centre at random has the same distribution per point.) Label `5 (a + 2) + (b + 2)`.
    public static let twentyFiveGaussians: GaussianMixture = {
        let coordinates: [Double] = (-2...2).map { 2 * Double($0) / 2.828 }
        let means: [[Double]] = coordinates.flatMap { a in coordinates.map { b in [a, b] } }
        return GaussianMixture(means: means, stds: [Double](repeating: 0.05 / 2.828, count: 25), name: "25gaussians",
                               summary: "25 Gaussians on a 5x5 grid scaled by 1/2.828, sd 0.05/2.828 (WGAN-GP gan_toy.py)")
    }()

    /// `gaussian`: the standard normal distribution on the plane, `N(0, I_2)`, one mode.
    public static let standardGaussian = GaussianMixture(
        means: [[0, 0]], stds: [1], name: "gaussian", summary: "a single standard 2-D Gaussian N(0, I)")

    /// `mixture1d`: an even mixture of two 1-D Gaussians,
    ///
    /// ```
    /// p(x) = 1/2 N(x; -2, 0.5^2) + 1/2 N(x; 2, 0.5^2)
    /// ```
    ///
    /// the two-bump data distribution on which note 1 draws the optimal discriminator.
    public static func mixture1D(separation: Double = 4, std: Double = 0.5) -> GaussianMixture {
        GaussianMixture(means: [-separation / 2, separation / 2], stds: [std, std], name: "mixture1d",
                        summary: "two 1-D Gaussians at -2 and 2, sd 0.5")
    }
}
