// Tests for the github-script helpers with a recording stand-in for the GitHub client.
// Run: node --test tools/github-scripts.test.cjs  (tests/build/test_workflows.py runs it too)
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const trackingIssue = require("./tracking-issue.cjs");
const { run: prComment, findPullRequest, mentions } = require("./pr-maintainer-comment.cjs");

function fakeGitHub({ issues = [], comments = [], pulls = [], removeLabelStatus = null } = {}) {
  const calls = [];
  const record = (name, result = {}) => async (args) => {
    calls.push([name, args]);
    if (name === "removeLabel" && removeLabelStatus) {
      const error = new Error("status");
      error.status = removeLabelStatus;
      throw error;
    }
    return { data: result };
  };
  const rest = {
    issues: {
      listForRepo: "listForRepo",
      listComments: "listComments",
      update: record("update"),
      create: record("create", { number: 42 }),
      createComment: record("createComment"),
      addLabels: record("addLabels"),
      removeLabel: record("removeLabel"),
      updateComment: record("updateComment"),
    },
    pulls: { list: "pullsList" },
  };
  return {
    calls,
    rest,
    paginate: async (what, args) => {
      calls.push([what, args]);
      if (what === "pullsList") return pulls;
      return what === "listForRepo" ? issues : comments;
    },
  };
}

const outputs = {};
const core = { info() {}, setOutput(name, value) { outputs[name] = value; } };
const context = { repo: { owner: "example-ics", repo: "creative-health-directory" }, payload: { pull_request: { number: 7 } } };
const MARKER = "<!-- creative-health:stale -->";

function report(text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ch-")), "report.md");
  fs.writeFileSync(file, text);
  return file;
}

function setEnv(values) {
  for (const key of ["FOUND", "REPORT_FILE", "ISSUE_TITLE", "ISSUE_LABEL", "ISSUE_MARKER", "NEEDS_STEWARD", "PR_NUMBER", "COMMENT_FILE"]) delete process.env[key];
  Object.assign(process.env, values);
}

const trackingEnv = (found, body = `${MARKER}\nreport`) => ({
  FOUND: found,
  REPORT_FILE: report(body),
  ISSUE_TITLE: "Directory entries due for review",
  ISSUE_LABEL: "review-dates",
  ISSUE_MARKER: MARKER,
});

test("opens a tracking issue when something is found", async () => {
  setEnv(trackingEnv("true"));
  const github = fakeGitHub();
  assert.deepEqual(await trackingIssue({ github, context, core }), { action: "opened", number: 42 });
  const [, args] = github.calls.find(([name]) => name === "create");
  assert.equal(args.title, "Directory entries due for review");
  assert.deepEqual(args.labels, ["review-dates"]);
});

test("updates the bot's open issue, ignoring look-alikes", async () => {
  setEnv(trackingEnv("true"));
  const github = fakeGitHub({
    issues: [
      { number: 3, user: { type: "User" }, body: `${MARKER}\ncopied by a person` },
      { number: 4, user: { type: "Bot" }, body: "no marker" },
      { number: 5, user: { type: "Bot" }, body: `${MARKER}\nold` },
    ],
  });
  assert.deepEqual(await trackingIssue({ github, context, core }), { action: "updated", number: 5 });
});

test("closes the issue when nothing is found", async () => {
  setEnv(trackingEnv("false"));
  const github = fakeGitHub({ issues: [{ number: 5, user: { type: "Bot" }, body: `${MARKER}\nold` }] });
  assert.deepEqual(await trackingIssue({ github, context, core }), { action: "closed", number: 5 });
  const [, args] = github.calls.find(([name]) => name === "update");
  assert.equal(args.state, "closed");
});

test("does nothing when nothing is found and no issue is open", async () => {
  setEnv(trackingEnv("false"));
  assert.deepEqual(await trackingIssue({ github: fakeGitHub(), context, core }), { action: "none" });
});

test("refuses a report without the marker", async () => {
  setEnv(trackingEnv("true", "something else"));
  await assert.rejects(trackingIssue({ github: fakeGitHub(), context, core }), /does not start with/);
});

const COMMENT = "<!-- creative-health:check-change -->\n### Maintainer check\n";

test("labels and comments when a steward is needed", async () => {
  setEnv({ NEEDS_STEWARD: "true", PR_NUMBER: "7", COMMENT_FILE: report(COMMENT) });
  const github = fakeGitHub();
  assert.deepEqual(await prComment({ github, context, core }), { label: true, comment: "created" });
  assert.ok(github.calls.some(([name, args]) => name === "addLabels" && args.labels[0] === "needs-steward-review"));
});

test("updates its earlier comment and removes the label once fixed", async () => {
  setEnv({ NEEDS_STEWARD: "false", PR_NUMBER: "7", COMMENT_FILE: report(COMMENT) });
  const github = fakeGitHub({
    removeLabelStatus: 404,
    comments: [{ id: 9, user: { type: "Bot" }, body: `${COMMENT}old` }],
  });
  assert.deepEqual(await prComment({ github, context, core }), { label: false, comment: "updated" });
});

test("stays quiet when nothing needs a steward", async () => {
  setEnv({ NEEDS_STEWARD: "false", PR_NUMBER: "7", COMMENT_FILE: report(COMMENT) });
  const github = fakeGitHub();
  assert.deepEqual(await prComment({ github, context, core }), { label: false, comment: "none" });
  assert.ok(!github.calls.some(([name]) => name === "createComment"));
});

test("labels the pull request named by PR_NUMBER, and refuses anything else", async () => {
  setEnv({ NEEDS_STEWARD: "true", PR_NUMBER: "12", COMMENT_FILE: report(COMMENT) });
  const github = fakeGitHub();
  await prComment({ github, context, core });
  const [, args] = github.calls.find(([name]) => name === "addLabels");
  assert.equal(args.issue_number, 12);
  for (const bad of ["", "0", "7; rm", "1e3", "../7"]) {
    setEnv({ NEEDS_STEWARD: "true", PR_NUMBER: bad, COMMENT_FILE: report(COMMENT) });
    await assert.rejects(prComment({ github: fakeGitHub(), context, core }), /not a pull request number/);
  }
});

test("refuses a comment that would mention a crowd, before touching the pull request", async () => {
  const crowd = Array.from({ length: 9 }, (_, i) => `@user${i}`).join(" ");
  setEnv({ NEEDS_STEWARD: "true", PR_NUMBER: "7", COMMENT_FILE: report(`${COMMENT}${crowd}\n`) });
  const github = fakeGitHub();
  await assert.rejects(prComment({ github, context, core }), /mentions 9 accounts; at most 8/);
  assert.deepEqual(github.calls, []);
});

test("counts real mentions only, not escaped ones or e-mail addresses", () => {
  const body = `${COMMENT}Maintainers: @alice @bob-2 and 3 more\n@org/team-x: new listing\n` +
    "not \\@escaped, a@example.org, `@code`\n";
  assert.deepEqual(mentions(body), ["@alice", "@bob-2", "@org/team-x"]);
});

const runContext = (head_sha, full_name) => ({
  repo: context.repo,
  payload: { workflow_run: { head_sha, head_repository: { full_name } } },
});
const pull = (number, sha, full_name, login) => ({ number, head: { sha, repo: { full_name } }, user: { login } });

test("finds the pull request from the workflow_run event's head commit and repository", async () => {
  const pulls = [pull(3, "aaa", "fork/one", "x"), pull(5, "bbb", "other/fork", "y"), pull(8, "bbb", "fork/two", "provider-a")];
  const found = await findPullRequest({ github: fakeGitHub({ pulls }), context: runContext("bbb", "fork/two"), core });
  assert.deepEqual(found, { number: 8, author: "provider-a" });
  assert.equal(outputs.number, "8");
  assert.equal(outputs.author, "provider-a");
});

test("does nothing when no open pull request has that head any more", async () => {
  const pulls = [pull(3, "newer", "fork/one", "x")];
  assert.equal(await findPullRequest({ github: fakeGitHub({ pulls }), context: runContext("older", "fork/one"), core }), null);
  assert.equal(outputs.number, "");
});
