/// Checks a precondition and, when it fails, stops the program with `message`, like the standard
/// library's `precondition`, which this module-wide function shadows.
///
/// The difference: the standard `precondition` traps *without* its message in optimised builds
/// (`-O`: "Swift runtime failure: precondition failure"), and Autodiff is always compiled
/// optimised (see Package.swift). A shape error must still say which op and which shapes, in a
/// release run as in `swift test`, so the failure goes through `fatalError`, which always prints.
/// The check costs the same (one branch); `message` is built only on failure.
@inline(__always)
func precondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
                  file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
