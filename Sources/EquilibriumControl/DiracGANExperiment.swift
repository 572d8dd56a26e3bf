/// One trajectory of one method under one update scheme, and what it did.
public struct DiracGANRun: Codable, Sendable {
    public var scheme: UpdateScheme
    /// Read off the distances (see `TrajectoryBehaviour.classify`).
    public var behaviour: TrajectoryBehaviour
    /// `mean distance over the last quarter / mean over the second quarter`.
    public var quarterRatio: Double
    public var finalDistance: Double
    public var maxDistance: Double
    /// The largest eigenvalue modulus of the one-step update map at the equilibrium (`nil` where
    /// it is not differentiable): above 1 repels, below 1 attracts, 1 is neutral to first order.
    public var updateSpectralRadius: Double?
    /// `p_0, ..., p_T`.
    public var trajectory: [DiracPoint]

    /// `|p_t|` for every step.
    public var distances: [Double] { trajectory.map(\.distance) }
}

/// One method: the Jacobian of its field at the equilibrium and its two runs.
public struct DiracGANMethodResult: Codable, Sendable {
    public var method: String
    public var setting: String
    /// `nil` where the field is not differentiable at the equilibrium (WGAN-GP).
    public var jacobian: Matrix2?
    public var eigenvalues: [Complex]?
    public var simultaneous: DiracGANRun
    public var alternating: DiracGANRun
}

/// The `dirac-gan` experiment's result.
public struct DiracGANResult: Codable, Sendable {
    public var start: DiracPoint
    public var stepSize: Double
    public var steps: Int
    public var methods: [DiracGANMethodResult]
}

/// Runs every method from `start` for `steps` steps of size `stepSize`, simultaneously and
/// alternately, and classifies each trajectory by what it did.
///
/// - Parameters:
///   - methods: the methods (default: `DiracGAN.Method.all()`: GAN, NS-GAN, WGAN with clipping,
///     WGAN-GP, R1, R2, instance noise, consensus optimisation).
///   - start: the paper's `(1, 1)`.
///   - stepSize: `h`, 0.2; small enough that the regularised
///     methods converge, large enough that the unregularised ones show their colours in 500 steps.
///   - steps: 500.
/// - Complexity: `O(methods x steps)`, instant (instance noise evaluates 161 quadrature nodes per field value).
public func diracGANExperiment(methods: [DiracGAN.Method] = DiracGAN.Method.all(),
                               start: DiracPoint = DiracPoint(theta: 1, psi: 1),
                               stepSize: Double = 0.2, steps: Int = 500) -> DiracGANResult {
    let results = methods.map { method -> DiracGANMethodResult in
        let game = DiracGAN(method)
        func run(_ scheme: UpdateScheme) -> DiracGANRun {
            let path = game.trajectory(from: start, stepSize: stepSize, steps: steps, scheme: scheme)
            let distances = path.map(\.distance)
            let (behaviour, ratio) = TrajectoryBehaviour.classify(distances: distances)
            return DiracGANRun(scheme: scheme, behaviour: behaviour, quarterRatio: ratio,
                               finalDistance: distances.last!, maxDistance: distances.max()!,
                               updateSpectralRadius: game.updateJacobian(stepSize: stepSize, scheme: scheme)?.spectralRadius,
                               trajectory: path)
        }
        let jacobian = game.jacobian()
        return DiracGANMethodResult(method: method.name, setting: method.setting, jacobian: jacobian,
                                    eigenvalues: jacobian?.eigenvalues,
                                    simultaneous: run(.simultaneous), alternating: run(.alternating))
    }
    return DiracGANResult(start: start, stepSize: stepSize, steps: steps, methods: results)
}
