"""URLs of the agenda exports (PDF and DOCX), included in relais.design.urls."""

urlpatterns: list = []  # type: ignore[type-arg]
