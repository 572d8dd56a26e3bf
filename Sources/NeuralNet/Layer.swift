import Autodiff

/// A differentiable function with trainable parameters.
///
/// Layers are reference types: a parameter is one `Variable` that the forward pass reads and an
/// optimizer writes, so the layer, its graph and its optimizer agree on identity without
/// bookkeeping. The training flag is an explicit argument (BatchNorm needs it), never hidden state.
public protocol Layer: AnyObject {
    /// The trainable parameters, always in the same order.
    var parameters: [Variable] { get }
    /// Non-trainable state that a checkpoint must keep (BatchNorm's running statistics).
    var buffers: [Tensor] { get set }
    /// The layer applied to a batch. `training` selects batch statistics over running ones where
    /// that matters, and whether running statistics are updated.
    func callAsFunction(_ input: Variable, training: Bool) -> Variable
}

extension Layer {
    public var buffers: [Tensor] {
        get { [] }
        set { precondition(newValue.isEmpty, "\(Self.self) has no buffers; got \(newValue.count)") }
    }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// The parameter values and buffers, as plain values: what a checkpoint stores.
    public func snapshot() -> LayerState {
        LayerState(parameters: parameters.map(\.value), buffers: buffers)
    }

    /// Puts back values taken by `snapshot()` from a layer of the same architecture.
    /// Throws, without changing anything, when the counts or shapes differ.
    public func restore(_ state: LayerState) throws {
        let ps = parameters
        guard state.parameters.count == ps.count, state.buffers.count == buffers.count else {
            throw LayerStateError.mismatch("expected \(ps.count) parameters and \(buffers.count) buffers, found \(state.parameters.count) and \(state.buffers.count)")
        }
        for (i, (p, t)) in zip(ps, state.parameters).enumerated() where p.shape != t.shape {
            throw LayerStateError.mismatch("parameter \(i) has shape \(p.shape) but the saved one has \(t.shape)")
        }
        for (i, (b, t)) in zip(buffers, state.buffers).enumerated() where b.shape != t.shape {
            throw LayerStateError.mismatch("buffer \(i) has shape \(b.shape) but the saved one has \(t.shape)")
        }
        for (p, t) in zip(ps, state.parameters) { p.assign(t) }
        buffers = state.buffers
    }
}

/// The values of a layer's parameters and buffers, detached from any graph.
public struct LayerState: Codable, Sendable, Hashable {
    public var parameters: [Tensor]
    public var buffers: [Tensor]
    public init(parameters: [Tensor], buffers: [Tensor]) { self.parameters = parameters; self.buffers = buffers }
}

public enum LayerStateError: Error, CustomStringConvertible {
    case mismatch(String)
    public var description: String {
        switch self { case .mismatch(let m): "saved state does not fit this network: \(m)" }
    }
}
