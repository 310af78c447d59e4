// Label and comment on a pull request from `creative-health check-change`, for
// actions/github-script. Environment: NEEDS_STEWARD ("true" or "false"); reads the
// Markdown comment from check-change.md (written by the workflow step before).
//
// needs a steward: add the label and create or update the comment.
// otherwise: remove the label and update an earlier comment if there is one (so it no
// longer says a review is needed), without adding new noise.
"use strict";

const fs = require("node:fs");

const LABEL = "needs-steward-review";
const MARKER = "<!-- creative-health:check-change -->";

module.exports = async function run({ github, context, core }, file = "check-change.md") {
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const needsSteward = process.env.NEEDS_STEWARD === "true";
  const body = fs.readFileSync(file, "utf8").slice(0, 65000);
  if (!body.startsWith(MARKER)) throw new Error(`${file} does not start with ${MARKER}`);

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
};
