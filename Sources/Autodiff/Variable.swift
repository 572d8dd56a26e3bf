/// A node of the computation graph: a `Tensor` value and, unless it is a leaf, the op that made it.
///
/// Every op on `Variable` computes its value eagerly with `Tensor` kernels and, when gradients are
/// being recorded and some input requires them, attaches a *pullback*: a closure from the gradient
/// of the output to the gradients of the inputs. Pullbacks are written with `Variable` ops, never
/// with raw loops, so the backward pass can itself be recorded (`createGraph: true`) and
/// differentiated again. That is what a gradient penalty needs (WGAN-GP, R1): the derivative, with
/// respect to the critic's parameters, of a function of the critic's input gradient.
///
/// ```
/// let w = Variable(parameter: Tensor([2]))
/// let y = (w * w).sum()                                     // y = w^2
/// let dw = gradients(of: y, wrt: [w], createGraph: true)[0] // dy/dw = 2w = 4
/// gradients(of: dw.sum(), wrt: [w])[0].value                // d2y/dw2 = 2
/// ```
public final class Variable {
    /// The value. Writable only for leaves (parameters updated by an optimizer).
    public private(set) var value: Tensor
    /// Whether gradients flow to this node: parameters, and any op output with such an input.
    public let requiresGradient: Bool
    /// The op that produced this node (`"leaf"` for inputs and parameters); used in messages.
    public let op: String

    let inputs: [Variable]
    /// Upstream gradient, this node, and which inputs the caller of `gradients` needs, to one
    /// gradient per input (`nil`: no gradient flows there, or none is wanted).
    let pullback: Pullback?

    /// The backward rule of an op. `wanted[i]` is false for an input whose gradient would be
    /// thrown away (a critic's weights while differentiating with respect to its input, say); a
    /// rule may skip computing it, which for `matmul` saves a whole matrix product.
    typealias Pullback = (_ upstream: Variable, _ output: Variable, _ wanted: [Bool]) -> [Variable?]

    /// A leaf whose gradient can be taken: a parameter, or an input you differentiate with respect to.
    public init(parameter value: Tensor) {
        self.value = value; requiresGradient = true; op = "leaf"; inputs = []; pullback = nil
    }

    /// A constant leaf: data, labels, noise.
    public init(_ value: Tensor) {
        self.value = value; requiresGradient = false; op = "constant"; inputs = []; pullback = nil
    }

    init(value: Tensor, op: String, inputs: [Variable], pullback: @escaping Pullback) {
        self.value = value; requiresGradient = true; self.op = op; self.inputs = inputs; self.pullback = pullback
    }

    /// The output of an op: recorded with its pullback when gradients are being recorded and some
    /// input requires them, a constant otherwise.
    static func record(_ value: Tensor, _ op: String, _ inputs: [Variable],
                       _ pullback: @escaping (_ upstream: Variable, _ output: Variable) -> [Variable?]) -> Variable {
        record(value, op, inputs, selective: { g, out, _ in pullback(g, out) })
    }

    /// `record` for a rule that reads `wanted` and computes only the gradients asked for.
    static func record(_ value: Tensor, _ op: String, _ inputs: [Variable], selective pullback: @escaping Pullback) -> Variable {
        if GradientMode.isRecording && inputs.contains(where: { $0.requiresGradient }) {
            return Variable(value: value, op: op, inputs: inputs, pullback: pullback)
        }
        return Variable(value)
    }

    /// Replaces the value of a leaf (an optimizer step, a checkpoint restore). The shape must stay.
    public func assign(_ newValue: Tensor) {
        precondition(inputs.isEmpty, "assign: only a leaf can be assigned, not the output of \(op)")
        precondition(newValue.shape == value.shape,
                     "assign: new value of shape \(newValue.shape) for a variable of shape \(value.shape)")
        value = newValue
    }

    /// Runs `body` on the value of a leaf in place (optimizer updates without a copy).
    public func updateValue(_ body: (inout Tensor) -> Void) {
        precondition(inputs.isEmpty, "updateValue: only a leaf can be updated, not the output of \(op)")
        let shape = value.shape
        body(&value)
        precondition(value.shape == shape, "updateValue: the shape changed from \(shape) to \(value.shape)")
    }

    public var shape: [Int] { value.shape }
    public var rank: Int { value.rank }
    /// The value of a one-element variable.
    public var scalar: Double { value.scalar }

    /// The same value cut from the graph: no gradient flows through the result.
    ///
    /// In the discriminator step of a GAN the fake samples are detached, so D's loss does not
    /// push gradients into G; in the generator step they must *not* be, or G learns nothing.
    public func detached() -> Variable { Variable(value) }
}

/// Whether ops record the graph. Recording is on by default; `withoutGradients` turns it off for
/// a scope (evaluation, sampling, metrics), which makes every op return a constant.
///
/// This is a task-local value, not a global: it is scoped to the closure and to the task that
/// runs it, and concurrent tasks do not see each other's setting.
public enum GradientMode {
    @TaskLocal public static var isRecording = true
}

/// Runs `body` with graph recording off: results are constants and no pullbacks are kept.
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.$isRecording.withValue(false, operation: body)
}

extension Variable: CustomStringConvertible {
    public var description: String { "Variable(\(op), shape \(shape)): \(value)" }
}
