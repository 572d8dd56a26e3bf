import Foundation
import Autodiff

/// A rule that updates parameters from their gradients.
///
/// An optimizer is bound to a list of parameters at creation and keeps per-parameter state
/// (momenta) in the same order. `state`/`restore` turn that state into plain values for checkpoints,
/// so a resumed run continues exactly where it stopped.
public protocol Optimizer: AnyObject {
    var parameters: [Variable] { get }
    var learningRate: Double { get set }
    /// Applies one update; `gradients[i]` is the gradient for `parameters[i]`.
    func step(_ gradients: [Tensor])
    var state: OptimizerState { get }
    func restore(_ state: OptimizerState) throws
}

extension Optimizer {
    /// One step down the gradient of `loss` with respect to this optimizer's parameters.
    public func minimize(_ loss: Variable) {
        step(gradients(of: loss, wrt: parameters).map(\.value))
    }

    func checkGradients(_ gradients: [Tensor], _ name: String) {
        precondition(gradients.count == parameters.count, "\(name).step: \(gradients.count) gradients for \(parameters.count) parameters")
        for (p, g) in zip(parameters, gradients) {
            precondition(p.shape == g.shape, "\(name).step: gradient of shape \(g.shape) for a parameter of shape \(p.shape)")
        }
    }
}

/// An optimizer's step count and per-parameter slots (momentum buffers), as plain values.
public struct OptimizerState: Codable, Sendable, Hashable {
    public var steps: Int
    /// `slots[k][i]`: slot `k` (e.g. Adam's first moment) for parameter `i`.
    public var slots: [[Tensor]]
}

/// Applies `body(p, g, s)` element by element, in place, over one parameter and its one slot.
@inline(__always)
func updateInPlace(_ p: Variable, _ g: Tensor, _ s0: inout Tensor, _ body: (inout Double, Double, inout Double) -> Void) {
    p.updateValue { value in
        value.scalars.withUnsafeMutableBufferPointer { pv in
            g.scalars.withUnsafeBufferPointer { gv in
                s0.scalars.withUnsafeMutableBufferPointer { a in
                    for i in pv.indices { body(&pv[i], gv[i], &a[i]) }
                }
            }
        }
    }
}

func restoreSlots(_ state: OptimizerState, count: Int, like parameters: [Variable], name: String) throws -> [[Tensor]] {
    guard state.slots.count == count, state.slots.allSatisfy({ $0.map(\.shape) == parameters.map(\.shape) }) else {
        throw LayerStateError.mismatch("\(name) state does not match its parameters")
    }
    return state.slots
}

/// Stochastic gradient descent with (heavy-ball) momentum, as PyTorch defines it:
///
/// ```
/// v <- mu v + g        (v = g on the first step)
/// p <- p - lr v
/// ```
public final class SGD: Optimizer {
    public let parameters: [Variable]
    public var learningRate: Double
    public let momentum: Double
    private var velocity: [Tensor]
    private var steps = 0

    public init(_ parameters: [Variable], learningRate: Double = 0.01, momentum: Double = 0) {
        precondition(learningRate > 0 && momentum >= 0 && momentum < 1, "SGD: need lr > 0 and momentum in [0, 1)")
        self.parameters = parameters; self.learningRate = learningRate; self.momentum = momentum
        velocity = parameters.map { .zeros($0.shape) }
    }

    public func step(_ gradients: [Tensor]) {
        checkGradients(gradients, "SGD")
        let (lr, mu, first) = (learningRate, momentum, steps == 0)
        for i in parameters.indices {
            if mu == 0 {
                parameters[i].updateValue { $0 = $0 - gradients[i] * lr }
                continue
            }
            updateInPlace(parameters[i], gradients[i], &velocity[i]) { p, g, v in
                v = first ? g : mu * v + g
                p -= lr * v
            }
        }
        steps += 1
    }

    public var state: OptimizerState { OptimizerState(steps: steps, slots: [velocity]) }
    public func restore(_ state: OptimizerState) throws {
        velocity = try restoreSlots(state, count: 1, like: parameters, name: "SGD")[0]
        steps = state.steps
    }
}

/// RMSProp (Tieleman and Hinton 2012) as PyTorch defines it, the optimizer of the WGAN paper:
///
/// ```
/// s <- alpha s + (1 - alpha) g^2
/// p <- p - lr g / (sqrt(s) + eps)
/// ```
///
/// Defaults are PyTorch's: `alpha = 0.99`, `eps = 1e-8`.
public final class RMSProp: Optimizer {
    public let parameters: [Variable]
    public var learningRate: Double
    public let alpha: Double, epsilon: Double
    private var meanSquare: [Tensor]
    private var steps = 0

    public init(_ parameters: [Variable], learningRate: Double = 0.01, alpha: Double = 0.99, epsilon: Double = 1e-8) {
        precondition(learningRate > 0 && alpha >= 0 && alpha < 1 && epsilon > 0, "RMSProp: need lr > 0, alpha in [0, 1), eps > 0")
        self.parameters = parameters; self.learningRate = learningRate; self.alpha = alpha; self.epsilon = epsilon
        meanSquare = parameters.map { .zeros($0.shape) }
    }

    public func step(_ gradients: [Tensor]) {
        checkGradients(gradients, "RMSProp")
        let (lr, a, eps) = (learningRate, alpha, epsilon)
        for i in parameters.indices {
            updateInPlace(parameters[i], gradients[i], &meanSquare[i]) { p, g, s in
                s = a * s + (1 - a) * g * g
                p -= lr * g / (s.squareRoot() + eps)
            }
        }
        steps += 1
    }

    public var state: OptimizerState { OptimizerState(steps: steps, slots: [meanSquare]) }
    public func restore(_ state: OptimizerState) throws {
        meanSquare = try restoreSlots(state, count: 1, like: parameters, name: "RMSProp")[0]
        steps = state.steps
    }
}

/// Adam (Kingma and Ba 2015, Algorithm 1) with bias correction:
///
/// ```
/// m <- b1 m + (1 - b1) g
/// v <- b2 v + (1 - b2) g^2
/// p <- p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
/// ```
///
/// Defaults are the paper's: `lr = 1e-3`, `betas = (0.9, 0.999)`, `eps = 1e-8`. GANs usually pass
/// `betas = (0.5, 0.999)` (DCGAN) or `(0, 0.9)` / `(0.5, 0.9)` (WGAN-GP).
public final class Adam: Optimizer {
    public let parameters: [Variable]
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    private var m: [Tensor], v: [Tensor]
    private var steps = 0

    public init(_ parameters: [Variable], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8) {
        precondition(learningRate > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0,
                     "Adam: need lr > 0, betas in [0, 1), eps > 0")
        self.parameters = parameters; self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        m = parameters.map { .zeros($0.shape) }
        v = parameters.map { .zeros($0.shape) }
    }

    public func step(_ gradients: [Tensor]) {
        checkGradients(gradients, "Adam")
        steps += 1
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        let c1 = 1 - Foundation.pow(b1, Double(steps)), c2 = 1 - Foundation.pow(b2, Double(steps))
        let lr = learningRate
        for i in parameters.indices {
            // The loop runs here over raw storage, vectorised by the compiler, rather than through
            // `updateInPlace`'s per-element closure: Adam was 11% of a W = 128 GAN iteration that way
            // (docs/benchmarks.md). Same operations in the same order, so the same numbers.
            parameters[i].updateValue { value in
                value.scalars.withUnsafeMutableBufferPointer { pBuffer in
                    gradients[i].scalars.withUnsafeBufferPointer { gBuffer in
                        m[i].scalars.withUnsafeMutableBufferPointer { mBuffer in
                            v[i].scalars.withUnsafeMutableBufferPointer { vBuffer in
                                Adam.update(pBuffer, gBuffer, mBuffer, vBuffer, lr: lr, beta1: b1, beta2: b2, c1: c1, c2: c2, epsilon: eps)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One Adam update over buffers of equal length (`p`, `g`, `m`, `v` as in the doc comment
    /// above, `c1`, `c2` the bias corrections), as one plain loop that the compiler vectorises.
    ///
    /// The square root is LLVM's `llvm.sqrt.f64` (`squareRootIEEE`), not `Double.squareRoot()`:
    /// both are the IEEE square root, correctly rounded, so the bits are the same, but on Linux
    /// `squareRoot()` goes through a C shim with `errno` semantics that compiles to a compare, a
    /// branch and a scalar `sqrtsd` per element, which kept this loop scalar (10% of `experiment
    /// packing`'s time). With the intrinsic the whole loop becomes vector divides and square roots,
    /// about five times faster. Same operations in the same order per element, so the same numbers.
    private static func update(_ p: UnsafeMutableBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>,
                               _ m: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>,
                               lr: Double, beta1 b1: Double, beta2 b2: Double, c1: Double, c2: Double, epsilon eps: Double) {
        let n = p.count
        guard n > 0, let pp = p.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress, let vp = v.baseAddress else { return }
        for i in 0..<n {
            let gi = gp[i]
            let mi = b1 * mp[i] + (1 - b1) * gi
            let vi = b2 * vp[i] + (1 - b2) * gi * gi
            mp[i] = mi; vp[i] = vi
            pp[i] = pp[i] - lr * (mi / c1) / (squareRootIEEE(vi / c2) + eps)
        }
    }

    public var state: OptimizerState { OptimizerState(steps: steps, slots: [m, v]) }
    public func restore(_ state: OptimizerState) throws {
        let s = try restoreSlots(state, count: 2, like: parameters, name: "Adam")
        m = s[0]; v = s[1]; steps = state.steps
    }
}
