"""Reading inspection reports: files -> clean text -> blocks -> typed reports."""
