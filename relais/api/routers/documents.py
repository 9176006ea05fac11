"""Knowledge centre (to be written)."""

from ninja import Router

router = Router(tags=["Knowledge centre"])
