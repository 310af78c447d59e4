"""One module per `creative-health` subcommand; each exposes ``register(subparsers)``.

A command's handler is set with ``parser.set_defaults(handler=...)`` and is called as
``handler(args, project) -> exit code``. Errors a person can fix are raised as
:class:`creative_health.errors.UserError`; `creative_health.cli.main` prints them.
"""
