"""Labels of the registrations audit actions, registered from navigation.register()."""


def register() -> None:
    """Register the labels (filled with the registrations pages)."""
