"""URLs of the design rules' administration, mounted at /administration/design-rules/."""

urlpatterns: list = []  # type: ignore[type-arg]
