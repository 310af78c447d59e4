#!/usr/bin/env bash
# The maintainer check of a pull request, as the trusted triage workflow runs it
# (.github/workflows/pr-triage.yml; tests/build/test_trusted_check.py runs this same file).
#
# Run it from a checkout of the default branch, with the default branch's creative-health
# installed. The pull request's head commit is fetched as data only: this script never
# checks it out, installs it or runs anything from it. check-change --head reads the
# changed files and both versions of each from git's objects.
#
# Environment:
#   PR_NUMBER  the pull request's number (from the GitHub API, not from the pull request)
#   HEAD_SHA   the commit the checks ran on (the workflow_run event's head_sha)
#   AUTHOR     the pull request's author's login, as GitHub reports it
#   RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY  as on GitHub's runners
# Writes the comment to "$RUNNER_TEMP/check-change.md" and needs_steward=true|false to
# "$GITHUB_OUTPUT". Exit status: 0, or check-change's usage error (2) or git's failure.
set -euo pipefail

if ! [[ "$PR_NUMBER" =~ ^[1-9][0-9]{0,9}$ ]]; then
  echo "PR_NUMBER is not a pull request number: $PR_NUMBER" >&2
  exit 2
fi
if ! [[ "$HEAD_SHA" =~ ^[0-9a-f]{40}$ ]]; then
  echo "HEAD_SHA is not a commit id: $HEAD_SHA" >&2
  exit 2
fi

# The default branch as checked out: its code is what runs, its entries say who maintains
# what. The merge base with the pull request is one of its commits.
base=$(git rev-parse --verify 'HEAD^{commit}')

# Objects only: no tags, no submodules, no checkout. "+" allows a force-pushed head.
git fetch --quiet --no-tags --no-recurse-submodules origin \
  "+refs/pull/$PR_NUMBER/head:refs/remotes/pull-request/head"
if ! git cat-file -e "$HEAD_SHA^{commit}" 2>/dev/null; then
  echo "Commit $HEAD_SHA is not in pull request #$PR_NUMBER any more (pushed to since?)." >&2
  exit 1
fi

comment="$RUNNER_TEMP/check-change.md"
status=0
creative-health check-change --author="$AUTHOR" --base="$base" --head="$HEAD_SHA" \
  --format markdown > "$comment" || status=$?
case "$status" in
  0) echo "needs_steward=false" >> "$GITHUB_OUTPUT" ;;
  3) echo "needs_steward=true" >> "$GITHUB_OUTPUT" ;;
  *) cat "$comment" >&2; exit "$status" ;;
esac
cat "$comment" >> "$GITHUB_STEP_SUMMARY"
