import GANNotesCLI

GANNotes.main()
