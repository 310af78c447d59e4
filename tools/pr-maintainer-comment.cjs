// Label and comment on a pull request with the maintainer check's result, for
// actions/github-script in .github/workflows/pr-triage.yml (a workflow_run workflow, so
// it also works for pull requests from forks).
//
// findPullRequest: the open pull request whose head is the commit the checks ran on,
// found from the trusted workflow_run event (never from the uploaded artifact). Sets the
// outputs `number` and `author` ("" when no open pull request has that head any more).
//
// run: environment PR_NUMBER, NEEDS_STEWARD ("true" or "false") and COMMENT_FILE (the
// Markdown comment that tools/trusted-check.sh made with the default branch's
// `check-change --head`, from the pull request's commit read as data; nothing comes from
// the pull request's own run). Needs a steward: add the label and create or update the
// comment. Otherwise: remove the label and update an earlier comment if there is one (so
// it no longer says a review is needed), without adding new noise. A comment that would
// mention more than MAX_MENTIONS accounts is refused before anything is posted.
"use strict";

const fs = require("node:fs");

const LABEL = "needs-steward-review";
const MARKER = "<!-- creative-health:check-change -->";
// check-change mentions at most 5 maintainers, plus the stewards named in CODEOWNERS.
const MAX_MENTIONS = 8;

// @login or @org/team as GitHub links them: after the start or a non-word character.
function mentions(body) {
  return body.match(/(?<![\w`\\])@[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9_.-]+)?/g) || [];
}

async function findPullRequest({ github, context, core }) {
  const { owner, repo } = context.repo;
  const checked = context.payload.workflow_run;
  const headRepo = checked.head_repository && checked.head_repository.full_name;
  const pulls = await github.paginate(github.rest.pulls.list, {
    owner,
    repo,
    state: "open",
    per_page: 100,
  });
  const pull = pulls.find(
    (p) => p.head && p.head.sha === checked.head_sha && p.head.repo && p.head.repo.full_name === headRepo,
  );
  if (!pull) {
    core.info(`No open pull request has head ${checked.head_sha} (closed, or pushed to since).`);
    core.setOutput("number", "");
    core.setOutput("author", "");
    return null;
  }
  core.setOutput("number", String(pull.number));
  core.setOutput("author", pull.user.login);
  core.info(`Pull request #${pull.number} by ${pull.user.login}.`);
  return { number: pull.number, author: pull.user.login };
}

async function run({ github, context, core }) {
  const { owner, repo } = context.repo;
  const number = process.env.PR_NUMBER || "";
  if (!/^[1-9][0-9]{0,9}$/.test(number)) throw new Error(`PR_NUMBER is not a pull request number: ${number}`);
  const issue_number = Number(number);
  const needsSteward = process.env.NEEDS_STEWARD === "true";
  const file = process.env.COMMENT_FILE;
  const body = fs.readFileSync(file, "utf8").slice(0, 65000);
  if (!body.startsWith(MARKER)) throw new Error(`${file} does not start with ${MARKER}`);
  const found = mentions(body);
  if (found.length > MAX_MENTIONS) {
    throw new Error(`${file} mentions ${found.length} accounts; at most ${MAX_MENTIONS} are allowed`);
  }

  if (needsSteward) {
    await github.rest.issues.addLabels({ owner, repo, issue_number, labels: [LABEL] });
  } else {
    try {
      await github.rest.issues.removeLabel({ owner, repo, issue_number, name: LABEL });
    } catch (error) {
      if (error.status !== 404) throw error; // 404: the label was not there
    }
  }
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number,
    per_page: 100,
  });
  const previous = comments.find(
    (c) => c.user && c.user.type === "Bot" && typeof c.body === "string" && c.body.startsWith(MARKER),
  );
  if (previous) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
    core.info(`Updated comment ${previous.id}.`);
    return { label: needsSteward, comment: "updated" };
  }
  if (needsSteward) {
    await github.rest.issues.createComment({ owner, repo, issue_number, body });
    core.info("Commented.");
    return { label: true, comment: "created" };
  }
  return { label: false, comment: "none" };
}

module.exports = { run, findPullRequest, mentions };
