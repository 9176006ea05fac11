"""Labels of the attendance audit actions, registered from navigation.register()."""


def register() -> None:
    """Register the labels (filled with the attendance pages)."""
