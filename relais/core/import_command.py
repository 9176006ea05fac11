"""What the import commands share (participants, answers, catalogue): the acting account named by
--user, and printing every problem before refusing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _


class ImportCommandMixin:
    stdout: OutputWrapper

    def _refuse_if(self, problems: Sequence[Any]) -> None:
        """Print each problem by row and column and stop (exit status 1): nothing is imported."""
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(_("%(n)s problem(s): nothing imported.") % {"n": len(problems)})

    def _actor(self, email: str | None) -> Any:
        """The account that --user names (None when not given): the audit log says who imported."""
        if not email:
            return None
        from django.contrib.auth import get_user_model

        try:
            return get_user_model().objects.get(email__iexact=email)
        except get_user_model().DoesNotExist:
            raise CommandError(_("No account with the e-mail address %(email)s.") % {"email": email}) from None
