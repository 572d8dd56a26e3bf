/// A command's arguments after parsing: every value has passed its validator, and options that
/// were left out hold their defaults.
///
/// ```
/// let steps = arguments.int("steps")            // 2000 if --steps was left out
/// let rate = arguments.double("lr")
/// let json = arguments.optionalString("json")   // nil unless --json PATH was given
/// if arguments.flag("quiet") { ... }
/// ```
///
/// Asking for an option the command did not declare, as the wrong type, or without a value
/// (no default, not required, not given, and not read with an `optional` accessor) is a
/// programming error and stops with a message naming the option.
public struct ParsedArguments: Sendable {
    /// The command these arguments were parsed for.
    public let command: String
    let options: [Option]
    let values: [String: String]
    let flags: Set<String>
    let given: Set<String>

    /// Whether flag `--name` was given.
    public func flag(_ name: String) -> Bool {
        let option = declared(name)
        precondition(option.validator == nil, "ParsedArguments.flag: \(option.displayName) takes a value; read it with string/int/double")
        return flags.contains(name)
    }

    /// Whether the person typed the option (as opposed to it holding its default).
    public func wasGiven(_ name: String) -> Bool {
        _ = declared(name)
        return given.contains(name)
    }

    /// The value of `--name` (given or default) as typed; `nil` when it has neither.
    public func optionalString(_ name: String) -> String? {
        _ = declared(name)
        return values[name]
    }

    /// The value of `--name` (given or default) as an integer; `nil` when it has neither.
    public func optionalInt(_ name: String) -> Int? {
        optionalString(name).map { Int(checkedKind(name, .integer, $0))! }
    }

    /// The value of `--name` (given or default) as a number; `nil` when it has neither.
    public func optionalDouble(_ name: String) -> Double? {
        optionalString(name).map { Double(checkedKind(name, .number, $0))! }
    }

    /// The value of `--name`, which must have a default, be required, or have been given.
    public func string(_ name: String) -> String { present(name, optionalString(name)) }

    /// The value of integer option `--name`, which must have a default, be required, or have been given.
    public func int(_ name: String) -> Int { present(name, optionalInt(name)) }

    /// The value of number option `--name`, which must have a default, be required, or have been given.
    public func double(_ name: String) -> Double { present(name, optionalDouble(name)) }

    private func declared(_ name: String) -> Option {
        guard let option = options.first(where: { $0.name == name }) else {
            preconditionFailure("ParsedArguments: command \(command) declares no option named '\(name)'")
        }
        return option
    }

    private func checkedKind(_ name: String, _ kind: Validator.Kind, _ value: String) -> String {
        let option = declared(name)
        precondition(option.validator?.kind == kind,
                     "ParsedArguments: \(option.displayName) of \(command) is not declared as \(kind)")
        return value
    }

    private func present<T>(_ name: String, _ value: T?) -> T {
        guard let value else {
            preconditionFailure("ParsedArguments: \(declared(name).displayName) of \(command) has no value; "
                + "give it a default, make it required, or read it with an optional accessor")
        }
        return value
    }
}
