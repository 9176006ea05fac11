"""Labels of the sessions audit actions, registered from navigation.register()."""


def register() -> None:
    """Register the labels (filled with the sessions pages)."""
