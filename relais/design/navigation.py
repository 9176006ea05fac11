def register() -> None:
    """Menu entry, home panel, audit labels and demo step of the design pages (filled below)."""
