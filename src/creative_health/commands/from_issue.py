"""`creative-health from-issue`: turn a submitted "Add my organisation" issue into a file.

A steward saves the issue's body (for example `gh issue view 123 --json body --jq .body
> issue.md`) and runs `creative-health from-issue issue.md --author <login>`. The new
provider file is written only if it passes `creative-health validate`; otherwise every
problem is printed against the form's questions and nothing is left behind.

Exit status: 0 written, 1 the answers need fixing (nothing written), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from ..clock import today as today_in_london
from ..errors import EXIT_PROBLEMS, UsageError, UserError
from ..issue_form import (
    LABEL_BY_TARGET,
    Converted,
    FormError,
    load_choices,
    parse_body,
    provider_from_answers,
    provider_yaml,
    slugify,
)
from ..mdtext import GITHUB_LOGIN
from ..problems import Problem
from ..project import ProjectPaths
from ..rules import SLUG
from ..validate import ValidationResult, validate

MAX_BODY = 65536 * 2  # GitHub caps an issue body at 65,536 characters
NOT_WRITTEN = "Nothing was written. Ask the provider to edit the issue, then run this again."


def _question(problem: Problem) -> str:
    """The form question behind a validator message, where there is one."""
    field = problem.field
    while field:
        if field in LABEL_BY_TARGET:
            return f"'{LABEL_BY_TARGET[field]}' ({problem.field})"
        cut = max(field.rfind("."), field.rfind("["))
        field = field[:cut] if cut > 0 else ""
    return problem.field or "the entry"


def _read_body(source: str) -> str:
    if source == "-":
        return sys.stdin.read(MAX_BODY + 1)
    with open(source, encoding="utf-8", errors="replace") as handle:
        return handle.read(MAX_BODY + 1)


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, if anything."""
    if args.author is not None and not GITHUB_LOGIN.match(args.author.lstrip("@")):
        return f"'{args.author}' is not a GitHub username."
    if args.slug is not None and not (SLUG.match(args.slug) and 2 <= len(args.slug) <= 60):
        return (
            f"{args.slug!r} is not a slug: use 2 to 60 lower-case "
            "letters a-z, numbers and single hyphens, such as peckham-print."
        )
    return None


def _slug(args: argparse.Namespace, answers: dict[str, str | None]) -> tuple[str, list[str]]:
    """The file's slug (given, or made from the organisation name) and any problem."""
    slug = args.slug or slugify(answers.get("name") or "")
    if len(slug) >= 2:
        return slug, []
    if answers.get("name"):
        return "new-provider", [
            "no file name can be made from the organisation name: pass --slug with "
            "lower-case letters, numbers and hyphens."
        ]
    return "new-provider", []


def _print_invalid(result: ValidationResult) -> None:
    for problem in result.problems:
        where = _question(problem)
        label = "" if problem.is_error else "warning: "
        fix = f" {problem.fix}" if problem.fix else ""
        print(f"issue form: {label}{where}: {problem.message}{fix}", file=sys.stderr)
    print(NOT_WRITTEN, file=sys.stderr)


def _print_problems(messages: list[str], after: str = NOT_WRITTEN) -> None:
    for message in messages:
        print(f"issue form: {message}", file=sys.stderr)
    print(after, file=sys.stderr)


def _print_written(result: ValidationResult, converted: Converted, slug: str) -> None:
    shown = f"content/providers/{slug}.yml"
    for problem in result.problems:  # warnings only
        print(f"{shown}: warning: {_question(problem)}: {problem.message}")
    print(f"Wrote {shown}.")
    if converted.extra:
        print("The provider also wrote (not in the file; add it with them if needed):")
        for line in converted.extra.splitlines():
            print(f"  | {line}")
    print(
        "Next: check the file, then open the pull request, for example:\n"
        f"  git switch -c add-{slug} && git add {shown} && "
        f'git commit -m "Add {slug}" && gh pr create --fill'
    )


def run(args: argparse.Namespace, project: ProjectPaths) -> int:
    usage = _usage_problem(args)
    if usage is not None:
        raise UsageError(usage)
    author = args.author.lstrip("@") if args.author else None
    try:
        body = _read_body(args.body)
    except OSError as exc:
        raise UsageError(f"cannot read {args.body}: {exc.strerror}.") from None
    if len(body) > MAX_BODY:
        raise UsageError("the issue body is too long to be a form.")
    try:
        choices = load_choices(project)
        answers = parse_body(body)
    except FormError as exc:
        _print_problems(exc.problems, "Nothing was written.")
        return exc.exit_code
    slug, messages = _slug(args, answers)
    converted = provider_from_answers(
        answers, choices, slug=slug, author=author, today=today_in_london()
    )
    messages += converted.problems
    if messages:
        _print_problems(messages)
        return EXIT_PROBLEMS
    text = provider_yaml(converted.data)
    path = project.providers / f"{slug}.yml"
    if path.exists():
        raise UserError(
            f"content/providers/{slug}.yml already exists. This form adds a new entry: "
            "choose another --slug, or update the existing file by hand."
        )
    path.write_text(text, "utf-8")
    try:
        result = validate(project, only=[path])
    except BaseException:
        path.unlink(missing_ok=True)  # never leave an unchecked file behind
        raise
    if args.dry_run or not result.ok:
        path.unlink(missing_ok=True)
    if not result.ok:
        _print_invalid(result)
        return EXIT_PROBLEMS
    if args.dry_run:
        print(text, end="")
        return 0
    _print_written(result, converted, slug)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "from-issue",
        help="make a provider file from an 'Add my organisation' issue",
        description="Read the Markdown body of a submitted 'Add my organisation or activity' "
        "issue and write content/providers/<slug>.yml, only if it passes validation. "
        "Exit status: 0 written, 1 the answers need fixing (nothing written), 2 usage error.",
    )
    p.add_argument("body", help="a file holding the issue body, or - to read standard input")
    p.add_argument("--author", help="the GitHub username of the person who opened the issue")
    p.add_argument("--slug", help="the provider's slug (default: made from the organisation name)")
    p.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    p.set_defaults(handler=run)
