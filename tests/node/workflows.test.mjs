// Every GitHub workflow and action the project ships validates against GitHub's
// schemas (@action-validator/core): the Action reviews repos use, the workflow
// `review init` writes (as written by the binary under test), and our own CI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as validator from "@action-validator/core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function errorsOf(result) {
  return JSON.stringify(result.errors, null, 2);
}

function assertValidWorkflow(file) {
  const result = validator.validateWorkflow(fs.readFileSync(file, "utf8"));
  assert.equal(result.errors.length, 0, `${path.relative(root, file)} is not a valid workflow:\n${errorsOf(result)}`);
}

test("action.yml is a valid composite action", () => {
  const result = validator.validateAction(fs.readFileSync(path.join(root, "action.yml"), "utf8"));
  assert.equal(result.errors.length, 0, errorsOf(result));
  assert.equal(result.actionType, "action");
});

test("the project's own workflows are valid", () => {
  const folder = path.join(root, ".github/workflows");
  const files = fs.readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  assert.ok(files.includes("ci.yml"), "ci.yml is missing");
  for (const name of files) assertValidWorkflow(path.join(folder, name));
});

test("the workflow template is valid", () => {
  assertValidWorkflow(path.join(root, "templates/init/reviews.yml"));
});

test("the workflow `review init` writes is valid", { skip: !process.env.REVIEW_BIN && "REVIEW_BIN is not set" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-init-"));
  try {
    execFileSync(process.env.REVIEW_BIN, ["init", dir], {
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: dir, NO_COLOR: "1" },
      stdio: "pipe",
    });
    assertValidWorkflow(path.join(dir, ".github/workflows/reviews.yml"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the validator catches a broken workflow (so a pass means something)", () => {
  const broken = "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    stepz: []\n";
  assert.notEqual(validator.validateWorkflow(broken).errors.length, 0);
});
