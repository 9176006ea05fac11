"""Labels of the people audit actions, registered from navigation.register()."""


def register() -> None:
    """Register the labels (filled with the people pages)."""
