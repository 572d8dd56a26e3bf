print("gan-notes: under construction")
