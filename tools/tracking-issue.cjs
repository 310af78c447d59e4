// Keep one tracking issue per report (review dates, broken links), for actions/github-script.
//
// Environment: FOUND ("true" when the report lists something), REPORT_FILE (Markdown
// body written by a creative-health command), ISSUE_TITLE, ISSUE_LABEL and ISSUE_MARKER
// (the hidden first line that identifies the issue this workflow owns).
//
// FOUND=true: update the open tracking issue, or open one. FOUND=false: close it with a
// short comment. Only issues opened by a bot and starting with the marker are touched,
// so nobody can make the workflow edit their issue by copying the label.
"use strict";

const fs = require("node:fs");

async function findIssue(github, owner, repo, label, marker) {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner,
    repo,
    state: "open",
    labels: label,
    per_page: 100,
  });
  return issues.find(
    (issue) =>
      !issue.pull_request &&
      issue.user &&
      issue.user.type === "Bot" &&
      typeof issue.body === "string" &&
      issue.body.startsWith(marker),
  );
}

module.exports = async function run({ github, context, core }) {
  const { owner, repo } = context.repo;
  const env = process.env;
  for (const name of ["REPORT_FILE", "ISSUE_TITLE", "ISSUE_LABEL", "ISSUE_MARKER"]) {
    if (!env[name]) throw new Error(`${name} is not set`);
  }
  const found = env.FOUND === "true";
  const body = fs.readFileSync(env.REPORT_FILE, "utf8").slice(0, 65000);
  if (!body.startsWith(env.ISSUE_MARKER)) {
    throw new Error(`${env.REPORT_FILE} does not start with ${env.ISSUE_MARKER}`);
  }
  const issue = await findIssue(github, owner, repo, env.ISSUE_LABEL, env.ISSUE_MARKER);
  if (found && issue) {
    await github.rest.issues.update({ owner, repo, issue_number: issue.number, body });
    core.info(`Updated issue #${issue.number}.`);
    return { action: "updated", number: issue.number };
  }
  if (found) {
    const created = await github.rest.issues.create({
      owner,
      repo,
      title: env.ISSUE_TITLE,
      body,
      labels: [env.ISSUE_LABEL],
    });
    core.info(`Opened issue #${created.data.number}.`);
    return { action: "opened", number: created.data.number };
  }
  if (issue) {
    await github.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: "Nothing to report this week: closing. This issue reopens as a new one if something comes up.",
    });
    await github.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      state: "closed",
      state_reason: "completed",
    });
    core.info(`Closed issue #${issue.number}.`);
    return { action: "closed", number: issue.number };
  }
  core.info("Nothing to report and no open tracking issue.");
  return { action: "none" };
};
