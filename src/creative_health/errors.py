"""The errors a person can fix, and the exit codes every `creative-health` command uses.

Every exception meant for the person running a command (a bad argument, a file that
cannot be read, content with errors, a git commit that does not exist) is a
:class:`UserError`. `creative_health.cli.main` catches it once, prints its message to
standard error and exits with its :attr:`~UserError.exit_code`: no traceback. Any
other exception is a bug and is left to show its traceback.

Exit codes (documented in the README):

- 0 ``EXIT_OK``: done, nothing to report.
- 1 ``EXIT_PROBLEMS``: the content (or the issue form's answers) has problems to fix.
- 2 ``EXIT_USAGE``: the command cannot run as asked (a bad option, a missing file, no
  git history, no schema/ folder).
- 3 ``EXIT_FOUND``: the command ran and found something for a person to look at (a
  change needs a steward's review, entries are due for review, links are broken). It is
  not a failure of the command.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_FOUND = 3


class UserError(Exception):
    """A problem the person running the command can fix; its message says how.

    Subclasses set ``exit_code`` (``EXIT_PROBLEMS`` unless they say otherwise)."""

    exit_code: int = EXIT_PROBLEMS


class UsageError(UserError):
    """The command cannot run as asked: a bad argument, or a file it needs is missing."""

    exit_code = EXIT_USAGE
