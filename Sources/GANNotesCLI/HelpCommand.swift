extension Command {
    /// `gan-notes help [command]`: the overview, or one command's `--help`.
    public static let help = Command(
        name: "help",
        abstract: "Show what gan-notes does, or the help of one command.",
        options: [.argument("command", .text, help: "the command to explain; leave out for the overview")]
    ) { arguments, context in
        guard let name = arguments.optionalString("command") else {
            context.io.print(context.tool.overview(color: context.io.useColor))
            return ExitStatus.success
        }
        guard let command = context.tool.command(named: name) else {
            throw UsageError.unknownCommand(name, among: context.tool.commands.map(\.name))
        }
        context.io.print(command.helpText)
        return ExitStatus.success
    }
}
