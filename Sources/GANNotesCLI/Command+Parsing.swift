extension Command {
    /// Reads the arguments that follow the command name, checking each against the declared
    /// options, and returns them with defaults filled in.
    ///
    /// The rules, in the order they are applied to each word:
    /// 1. `--name=value` or `--name value` sets an option; `--name` alone sets a flag. The word
    ///    after an option is its value unless it starts with `--` (so `--json --quiet` is a
    ///    missing value, while `--lr -1` is a value the validator then rejects).
    /// 2. Any other word starting with `-` (other than a negative number) is an unknown option.
    /// 3. Every other word fills the next positional argument.
    ///
    /// Afterwards every required option must have been given, and defaults fill the rest.
    /// `--help` is not handled here: the dispatcher looks for it first.
    ///
    /// - Throws: ``UsageError`` for an unknown option (with the closest name), a missing or
    ///   rejected value, an option given twice, a flag given a value, an extra positional
    ///   argument, or a missing required option.
    public func parse(_ words: [String]) throws(UsageError) -> ParsedArguments {
        var values: [String: String] = [:]
        var given: Set<String> = []
        var flags: Set<String> = []
        var positionals = options.filter(\.isPositional)[...]

        var rest = words[...]
        while let word = rest.popFirst() {
            if word.hasPrefix("--"), word.count > 2 {
                let (flag, inlineValue) = splitAtEquals(word)
                guard let option = options.first(where: { "--" + $0.name == flag && !$0.isPositional }) else {
                    throw .unknownOption(flag, command: name, among: optionNames)
                }
                guard !given.contains(option.name) else { throw .repeatedOption(flag, command: name) }
                given.insert(option.name)

                guard let validator = option.validator else {
                    if inlineValue != nil { throw .flagWithValue(flag, token: word, command: name) }
                    flags.insert(option.name)
                    continue
                }
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if let next = rest.first, !next.hasPrefix("--") {
                    value = next
                    rest.removeFirst()
                } else {
                    throw .missingValue(flag, command: name, expected: validator.expected)
                }
                if let problem = validator.problem(flag, value) { throw .invalidValue(problem, command: name) }
                values[option.name] = value
            } else if word.hasPrefix("-"), word.count > 1, Double(word) == nil {
                throw .unknownOption(word, command: name, among: optionNames)
            } else {
                guard let argument = positionals.popFirst(), let validator = argument.validator else {
                    throw .unexpectedArgument(word, command: name, usage: usageLine)
                }
                if let problem = validator.problem(argument.name, word) { throw .invalidValue(problem, command: name) }
                values[argument.name] = word
                given.insert(argument.name)
            }
        }

        for option in options where option.isRequired && !given.contains(option.name) {
            throw .missingOption(option.displayName, command: name, expected: option.validator?.expected ?? "")
        }
        for option in options where values[option.name] == nil {
            values[option.name] = option.defaultValue
        }
        return ParsedArguments(command: name, options: options, values: values, flags: flags, given: given)
    }
}

extension Command {
    /// `--steps`, `--quiet`, ...: the names an unknown option is compared against.
    var optionNames: [String] { options.filter { !$0.isPositional }.map(\.displayName) + ["--help"] }
}

/// `--steps=2000` -> (`--steps`, `2000`); `--steps` -> (`--steps`, nil).
private func splitAtEquals(_ word: String) -> (flag: String, value: String?) {
    guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
    return (String(word[..<equals]), String(word[word.index(after: equals)...]))
}
