extension Command {
    /// The usage line, e.g. `gan-notes lesson [N] [--no-pause] [--quick]`.
    ///
    /// Required options come first, then positional arguments, then optional options. These are
    /// listed one by one when there are at most four of them, and as `[options]` otherwise, so the
    /// line of a command like `train` stays readable; the table in ``helpText`` lists them all.
    public var usageLine: String {
        var parts = ["gan-notes", name]
        for option in options where option.isRequired && !option.isPositional {
            parts.append("\(option.displayName) \(option.valueName)")
        }
        for argument in options where argument.isPositional {
            parts.append(argument.isRequired ? argument.name : "[\(argument.name)]")
        }
        let optional = options.filter { !$0.isRequired && !$0.isPositional }
        if optional.count <= 4 {
            parts += optional.map { option in
                option.validator == nil ? "[\(option.displayName)]" : "[\(option.displayName) \(option.valueName)]"
            }
        } else {
            parts.append("[options]")
        }
        return parts.joined(separator: " ")
    }

    /// What `gan-notes <command> --help` prints: the usage line, the abstract, the discussion, then
    /// a table of arguments and options with their defaults, accepted names and whether required.
    ///
    /// ```
    /// Usage: gan-notes lesson [N] [--no-pause] [--quick]
    ///
    /// List the lessons, or step through lesson N.
    ///
    /// Arguments:
    ///   N             the lesson to run; leave out to list the lessons
    ///
    /// Options:
    ///   --no-pause    run straight through, without waiting for Enter between sections
    ///   --quick       give each command the --quick flag, so it runs on a small budget
    ///   -h, --help    show this help
    /// ```
    public var helpText: String {
        var lines = ["Usage: \(usageLine)", "", abstract]
        if !discussion.isEmpty { lines += ["", discussion] }

        let arguments = options.filter(\.isPositional).map { ($0.name, describe($0)) }
        let named = options.filter { !$0.isPositional }.map { option in
            (option.validator == nil ? option.displayName : "\(option.displayName) \(option.valueName)",
             describe(option))
        } + [("-h, --help", "show this help")]

        let width = min(24, (arguments + named).map(\.0.count).max() ?? 0) + 2
        func table(_ rows: [(String, String)]) -> [String] {
            rows.map { left, right in
                let padding = String(repeating: " ", count: max(2, width - left.count))
                return "  " + left + padding + right
            }
        }
        if !arguments.isEmpty { lines += ["", "Arguments:"] + table(arguments) }
        lines += ["", "Options:"] + table(named)
        return lines.joined(separator: "\n")
    }

    /// `training steps (default: 2000)`, `the loss (one of: gan, wgan; required)`.
    private func describe(_ option: Option) -> String {
        var notes: [String] = []
        if let choices = option.validator?.choices, !choices.isEmpty {
            notes.append("one of: " + choices.joined(separator: ", "))
        }
        if let defaultValue = option.defaultValue { notes.append("default: \(defaultValue)") }
        if option.isRequired { notes.append("required") }
        return notes.isEmpty ? option.help : "\(option.help) (\(notes.joined(separator: "; ")))"
    }
}
