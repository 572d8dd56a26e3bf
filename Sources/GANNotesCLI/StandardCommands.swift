extension GANNotes {
    /// The commands of the real program, in the order `gan-notes` lists them.
    ///
    /// To add a command: define it as a `static let` on `Command` in its own file
    /// (`TrainCommand.swift`, with its tests in `TrainCommandTests.swift`), then list it here.
    public static let standardCommands: [Command] = [
        .lesson,
        .train,
        .sample,
        .datasets,
        .objectives,
        .experiment,
        .reproduce,
        .gradcheck,
        .bench,
        .help,
        .version,
    ]
}
