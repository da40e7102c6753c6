// `review lint --format sarif` validated against the official SARIF 2.1.0 JSON schema
// (as shipped in @microsoft/jest-sarif; draft-04, hence ajv-draft-04).
// Run from the repo root: REVIEW_BIN=build/dev/review node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const review = process.env.REVIEW_BIN;
assert.ok(review, "set REVIEW_BIN to the review binary under test");

const schemaPath = join(dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// unicodeRegExp: false because the official schema's `language` pattern has a stray "]"
// that JavaScript rejects in unicode mode (it is a literal "]" otherwise, as intended).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function sarif(cwd, ...args) {
  const run = spawnSync(review, ["lint", "--format", "sarif", "--today", "2026-09-01", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function assertValid(log) {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

const review_text = (body) => `---
title: Northwind Pay core-ledger replacement
account: Northwind Pay
outcome: lost
lost_to: LedgerCo
close_date: 2026-08-14
review_date: 2026-08-29
account_executive: Zhang Qi
decision_factors: [price]
---

${body}
`;

test("a run with findings of every kind is valid SARIF 2.1.0", () => {
  const repo = mkdtempSync(join(tmpdir(), "review-sarif-"));
  try {
    writeFileSync(join(repo, "review.yaml"), "rules:\n  placeholder: off\n");
    mkdirSync(join(repo, "reviews/2026"), { recursive: true });
    writeFileSync(join(repo, "reviews/2026/2026-08-14-northwind-pay.md"),
      review_text("## Summary\n\nThey chose LedgerCo. TODO: ask why. Call +65 6123 4567.\n"));
    writeFileSync(join(repo, "reviews/2026/2026-08-14-华信 证券.md"), "no front matter <!-- review-lint disable nope -->\n");
    writeFileSync(join(repo, "reviews/2026/2026-08-15-bad-bytes.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a]));

    const log = sarif(repo);
    assertValid(log);
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    for (const id of ["front-matter", "sections", "placeholders", "price-only", "privacy", "file", "config", "review-lint"]) {
      assert.ok(ids.includes(id), `rule ${id} described`);
    }
    const found = new Set(run.results.map((result) => result.ruleId));
    for (const id of ["front-matter", "sections", "placeholders", "price-only", "privacy", "file", "config"]) {
      assert.ok(found.has(id), `a ${id} result`);
    }
    for (const result of run.results) assert.equal(ids[result.ruleIndex], result.ruleId);
    const uris = run.results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes("reviews/2026/2026-08-14-%E5%8D%8E%E4%BF%A1%20%E8%AF%81%E5%88%B8.md"));

    // The schema would catch our own severity name leaking into SARIF.
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = "suggestion";
    assert.equal(validate(broken), false);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test("a clean run is valid SARIF 2.1.0 with no results", () => {
  const repo = mkdtempSync(join(tmpdir(), "review-sarif-"));
  try {
    mkdirSync(join(repo, "reviews"), { recursive: true });
    const log = sarif(repo);
    assertValid(log);
    assert.deepEqual(log.runs[0].results, []);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test("the schema catches a broken log (the validator is not a no-op)", () => {
  assert.equal(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validate({ version: "2.0.0", runs: [] }), false);
});

test("the version reported is the binary's", () => {
  const version = execFileSync(review, ["--version"], { encoding: "utf8" });
  const repo = mkdtempSync(join(tmpdir(), "review-sarif-"));
  try {
    const log = sarif(repo);
    assert.ok(version.includes(log.runs[0].tool.driver.version), `${version} vs ${log.runs[0].tool.driver.version}`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
