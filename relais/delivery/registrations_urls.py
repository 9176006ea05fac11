"""URLs of the registrations pages (full paths: the delivery URLconf is mounted at the site root)."""

urlpatterns: list = []  # type: ignore[type-arg]
