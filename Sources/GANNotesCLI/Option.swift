/// One thing a command accepts on its command line: a flag, an option with a value, or a
/// positional argument.
///
/// ```
/// .flag("quiet", help: "print only the final metrics")
/// .option("steps", .positiveInteger, default: 2000, help: "generator steps")
/// .option("objective", .choice(["gan", "wgan"], noun: "objective"), required: true, help: "the loss")
/// .argument("N", .nonNegativeInteger, help: "the lesson to run")
/// ```
///
/// read as `--quiet`, `--steps 2000` or `--steps=2000`, `--objective gan`, and `lesson 3`.
public struct Option: Sendable {
    public enum Kind: Sendable {
        /// `--quiet`: present or not.
        case flag
        /// `--steps 2000` or `--steps=2000`.
        case option(Validator)
        /// `3` in `lesson 3`: filled in the order declared.
        case argument(Validator)
    }

    /// The name without dashes: `steps` for `--steps`, `N` for a positional argument.
    public let name: String
    public let kind: Kind
    /// One line for the options table in `--help`.
    public let help: String
    /// The value used when the option is not given, as it is shown in help; it passes the validator.
    public let defaultValue: String?
    /// Whether leaving the option out is a usage error.
    public let isRequired: Bool
    /// The placeholder in help: `--steps N`, `--json PATH`.
    public let valueName: String

    /// How it is written on the command line: `--steps`, or `N` for a positional argument.
    public var displayName: String {
        if case .argument = kind { name } else { "--" + name }
    }

    /// Whether this is a positional argument rather than a `--name` option or flag.
    public var isPositional: Bool {
        if case .argument = kind { true } else { false }
    }

    /// The validator of an option or argument; `nil` for a flag.
    public var validator: Validator? {
        switch kind {
        case .flag: nil
        case .option(let validator), .argument(let validator): validator
        }
    }

    /// A flag: `--quiet`. Flags are off unless given.
    public static func flag(_ name: String, help: String) -> Option {
        Option(name: name, kind: .flag, help: help, defaultValue: nil, isRequired: false, valueName: "")
    }

    /// An option with a value: `--steps 2000` or `--steps=2000`.
    ///
    /// - Parameters:
    ///   - name: the name without dashes.
    ///   - validator: what values are accepted (``Validator``).
    ///   - defaultValue: the value when the option is left out, shown in help as `(default: 2000)`.
    ///     It must pass `validator`; a default that does not is a programming error.
    ///   - required: whether leaving the option out is a usage error.
    ///   - valueName: the placeholder in help; the validator's (`N`, `X`, `NAME`, `PATH`) if `nil`.
    ///   - help: one line for the options table.
    public static func option(
        _ name: String, _ validator: Validator, default defaultValue: (any CustomStringConvertible)? = nil,
        required: Bool = false, valueName: String? = nil, help: String
    ) -> Option {
        valued(name, .option(validator), validator, defaultValue, required, valueName, help)
    }

    /// A positional argument, optional unless `required`: `N` in `gan-notes lesson [N]`.
    public static func argument(
        _ name: String, _ validator: Validator, default defaultValue: (any CustomStringConvertible)? = nil,
        required: Bool = false, help: String
    ) -> Option {
        valued(name, .argument(validator), validator, defaultValue, required, name, help)
    }

    private static func valued(
        _ name: String, _ kind: Kind, _ validator: Validator, _ defaultValue: (any CustomStringConvertible)?,
        _ required: Bool, _ valueName: String?, _ help: String
    ) -> Option {
        let shown = defaultValue.map { "\($0)" }
        if let shown, let problem = validator.problem(name, shown) {
            preconditionFailure("Option \(name): default '\(shown)' is rejected by its own validator: \(problem)")
        }
        precondition(!(required && shown != nil), "Option \(name): a required option cannot have a default")
        return Option(
            name: name, kind: kind, help: help, defaultValue: shown, isRequired: required,
            valueName: valueName ?? validator.valueName)
    }
}
