from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent this request (the page then answers with a partial)."""
    return bool(getattr(request, "htmx", False))
