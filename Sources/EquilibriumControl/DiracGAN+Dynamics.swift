/// How the two players take their steps.
public enum UpdateScheme: String, Codable, Sendable, CaseIterable {
    /// Both players step from the same point: `(theta, psi) <- (theta, psi) + h v(theta, psi)`.
    case simultaneous
    /// The discriminator steps first, then the generator from the discriminator's new value
    /// (the order of the toy trainer): `psi' = psi + h v_psi(theta, psi)`, `theta' = theta + h v_theta(theta, psi')`.
    case alternating
}

extension DiracGAN {
    /// One training step of size `h` (WGAN's clipping applied after the discriminator's part).
    public func step(_ p: DiracPoint, stepSize h: Double, scheme: UpdateScheme) -> DiracPoint {
        switch scheme {
        case .simultaneous:
            let v = vectorField(theta: p.theta, psi: p.psi)
            return project(DiracPoint(theta: p.theta + h * v.theta, psi: p.psi + h * v.psi))
        case .alternating:
            let afterD = project(DiracPoint(theta: p.theta, psi: p.psi + h * vectorField(theta: p.theta, psi: p.psi).psi))
            return DiracPoint(theta: afterD.theta + h * vectorField(theta: afterD.theta, psi: afterD.psi).theta, psi: afterD.psi)
        }
    }

    /// The points `p_0 = start, p_1, ..., p_steps`. Stops early (the last point non-finite) if
    /// the parameters overflow.
    public func trajectory(from start: DiracPoint = DiracPoint(theta: 1, psi: 1), stepSize h: Double = 0.2,
                           steps: Int = 500, scheme: UpdateScheme) -> [DiracPoint] {
        precondition(steps >= 0 && h > 0, "DiracGAN.trajectory: need steps >= 0 and h > 0")
        var points = [start]
        points.reserveCapacity(steps + 1)
        var p = start
        for _ in 0..<steps {
            p = step(p, stepSize: h, scheme: scheme)
            points.append(p)
            if !(p.theta.isFinite && p.psi.isFinite) { break }
        }
        return points
    }

    /// The Jacobian of the vector field at `point` by central differences, or `nil` where the field
    /// is not differentiable: there the difference quotients change with the step (a jump of size
    /// `J` gives about `J / 2delta`), so two steps, `delta` and `10 delta`, must agree.
    public func jacobian(at point: DiracPoint = DiracGAN.equilibrium) -> Matrix2? {
        Matrix2.differentiate(at: point) { vectorField(theta: $0.theta, psi: $0.psi) }
    }

    /// The Jacobian of the one-step update map `F_h` at `point` (same method), or `nil` where it
    /// is not differentiable. Near a fixed point, eigenvalues of modulus above 1 push away, below
    /// 1 pull in, and exactly 1 neither (the first-order picture of what the trajectory does).
    public func updateJacobian(at point: DiracPoint = DiracGAN.equilibrium, stepSize h: Double = 0.2,
                               scheme: UpdateScheme) -> Matrix2? {
        Matrix2.differentiate(at: point) { step($0, stepSize: h, scheme: scheme) }
    }
}

/// A 2x2 real matrix `[[a, b], [c, d]]` (rows: theta, psi) and its eigenvalues.
public struct Matrix2: Codable, Sendable, Hashable {
    public var a: Double, b: Double, c: Double, d: Double
    public init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) { self.a = a; self.b = b; self.c = c; self.d = d }

    public var trace: Double { a + d }
    public var determinant: Double { a * d - b * c }

    /// The two eigenvalues, roots of `lambda^2 - tr lambda + det = 0`: a complex pair
    /// `tr/2 +- i sqrt(det - tr^2/4)` or two real roots; the one with the larger real part (then
    /// imaginary part) first.
    public var eigenvalues: [Complex] {
        let half = trace / 2
        let discriminant = half * half - determinant
        if discriminant >= 0 {
            let r = discriminant.squareRoot()
            return [Complex(half + r, 0), Complex(half - r, 0)]
        }
        let i = (-discriminant).squareRoot()
        return [Complex(half, i), Complex(half, -i)]
    }

    /// The largest eigenvalue modulus.
    public var spectralRadius: Double { eigenvalues.map(\.modulus).max()! }

    /// Central-difference Jacobian of `g` at `p`, `nil` when steps `delta` and `10 delta` disagree
    /// by more than 1e-4 (relative): the mark of a kink or jump, not of rounding.
    static func differentiate(at p: DiracPoint, delta: Double = 1e-5, _ g: (DiracPoint) -> DiracPoint) -> Matrix2? {
        func columns(_ h: Double) -> [Double] {
            let dT = (g(DiracPoint(theta: p.theta + h, psi: p.psi)), g(DiracPoint(theta: p.theta - h, psi: p.psi)))
            let dP = (g(DiracPoint(theta: p.theta, psi: p.psi + h)), g(DiracPoint(theta: p.theta, psi: p.psi - h)))
            return [(dT.0.theta - dT.1.theta) / (2 * h), (dP.0.theta - dP.1.theta) / (2 * h),
                    (dT.0.psi - dT.1.psi) / (2 * h), (dP.0.psi - dP.1.psi) / (2 * h)]
        }
        let fine = columns(delta), coarse = columns(10 * delta)
        for (x, y) in zip(fine, coarse) where !(Swift.abs(x - y) <= 1e-4 * Swift.max(1, Swift.abs(x), Swift.abs(y))) {
            return nil
        }
        return Matrix2(fine[0], fine[1], fine[2], fine[3])
    }
}

/// A complex number, for eigenvalues.
public struct Complex: Codable, Sendable, Hashable, CustomStringConvertible {
    public var real: Double
    public var imaginary: Double
    public init(_ real: Double, _ imaginary: Double) { self.real = real; self.imaginary = imaginary }
    public var modulus: Double { (real * real + imaginary * imaginary).squareRoot() }
    /// `-0.15 + 0.477i`, `0.5i`, `-1`.
    public var description: String {
        func fmt(_ x: Double) -> String {
            let r = (x * 1000).rounded() / 1000
            return r == 0 ? "0" : "\(r)"
        }
        let im = (imaginary * 1000).rounded() / 1000
        if im == 0 { return fmt(real) }
        let re = (real * 1000).rounded() / 1000
        let imText = Swift.abs(im) == 1 ? "" : fmt(Swift.abs(im))
        if re == 0 { return (im < 0 ? "-" : "") + imText + "i" }
        return fmt(re) + (im < 0 ? " - " : " + ") + imText + "i"
    }
}
