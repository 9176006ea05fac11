"""Documents of a session made with Typst: the daily sign-in sheet and the certificates of attendance."""
