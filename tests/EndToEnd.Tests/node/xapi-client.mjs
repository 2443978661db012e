// Drives every xAPI resource of the LRS with the @xapi/xapi client library, as third-party content would.
// Usage: LRS_ENDPOINT=http://127.0.0.1:PORT/xapi/ LRS_KEY=... LRS_SECRET=... node xapi-client.mjs
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import XAPI from "@xapi/xapi";

const { LRS_ENDPOINT, LRS_KEY, LRS_SECRET } = process.env;
const config = { endpoint: LRS_ENDPOINT, auth: XAPI.toBasicAuth(LRS_KEY, LRS_SECRET), version: "1.0.3" };
const xapi = new XAPI(config);
// The library's default (axios) adapter under Node replaces the multipart Content-Type of binary bodies with
// application/octet-stream; its fetch adapter, what browser content uses, sends the request as built.
const xapiFetch = new XAPI({ ...config, adapter: "fetch" });
const run = randomUUID();
const learner = { objectType: "Agent", name: "Ann", mbox: `mailto:ann-${run}@example.com` };
const activityId = `http://example.com/activities/${run}`;
let failures = 0;

async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures++;
    const response = error?.response;
    console.log(`FAIL ${name}: ${response ? `${response.status} ${JSON.stringify(response.data)}` : error.message ?? error}`);
  }
}

const statement = (verb = "http://adlnet.gov/expapi/verbs/experienced") => ({
  actor: learner,
  verb: { id: verb, display: { "en-US": verb.split("/").pop() } },
  object: { objectType: "Activity", id: activityId, definition: { name: { "en-US": "Course", "fr-FR": "Cours" } } },
});

await check("about lists 1.0.3", async () => {
  const about = await xapi.getAbout();
  assert.ok(about.data.version.includes("1.0.3"));
});

let firstId;
await check("send, get and query statements", async () => {
  firstId = (await xapi.sendStatement({ statement: statement() })).data[0];
  const fetched = await xapi.getStatement({ statementId: firstId });
  assert.equal(fetched.data.id, firstId);
  assert.ok(fetched.headers["x-experience-api-consistent-through"]);
  const batch = await xapi.sendStatements({ statements: [statement("http://adlnet.gov/expapi/verbs/completed"), statement()] });
  assert.equal(batch.data.length, 2);
  const byAgent = await xapi.getStatements({ agent: learner, activity: activityId });
  assert.equal(byAgent.data.statements.length, 3);
  const byVerb = await xapi.getStatements({ agent: learner, verb: "http://adlnet.gov/expapi/verbs/completed" });
  assert.equal(byVerb.data.statements.length, 1);
});

await check("page with more links", async () => {
  const seen = [];
  let page = await xapi.getStatements({ agent: learner, limit: 1 });
  seen.push(...page.data.statements.map((s) => s.id));
  while (page.data.more) {
    page = await xapi.getMoreStatements({ more: page.data.more });
    seen.push(...page.data.statements.map((s) => s.id));
  }
  assert.equal(new Set(seen).size, 3);
});

await check("void a statement", async () => {
  await xapi.voidStatement({ actor: learner, statementId: firstId });
  const voided = await xapi.getVoidedStatement({ voidedStatementId: firstId });
  assert.equal(voided.data.id, firstId);
  const remaining = await xapi.getStatements({ agent: learner, activity: activityId });
  assert.ok(!remaining.data.statements.some((s) => s.id === firstId));
});

await check("statement with an attachment", async () => {
  const content = new TextEncoder().encode(`certificate ${run}`);
  const digest = Buffer.from(await crypto.subtle.digest("SHA-256", content)).toString("hex");
  const withAttachment = {
    ...statement(),
    attachments: [{
      usageType: "http://adlnet.gov/expapi/attachments/certificate",
      display: { "en-US": "Certificate" },
      contentType: "text/plain",
      length: content.byteLength,
      sha2: digest,
    }],
  };
  const id = (await xapiFetch.sendStatement({ statement: withAttachment, attachments: [content.buffer] })).data[0];
  const fetched = await xapiFetch.getStatement({ statementId: id, attachments: true });
  assert.ok(JSON.stringify(fetched.data).includes(digest));
});

await check("activity and agent resources", async () => {
  const activity = await xapi.getActivity({ activityId });
  assert.equal(activity.data.id, activityId);
  const person = await xapi.getAgent({ agent: learner });
  assert.equal(person.data.objectType, "Person");
  assert.ok(person.data.mbox.includes(learner.mbox));
});

await check("state documents", async () => {
  const registration = randomUUID();
  await xapi.setState({ agent: learner, activityId, stateId: "bookmark", registration, state: { page: 3 } });
  await xapi.createState({ agent: learner, activityId, stateId: "bookmark", registration, state: { scroll: 40 } });
  const state = await xapi.getState({ agent: learner, activityId, stateId: "bookmark", registration });
  assert.deepEqual(state.data, { page: 3, scroll: 40 });
  const ids = await xapi.getStates({ agent: learner, activityId, registration });
  assert.deepEqual(ids.data, ["bookmark"]);
  await xapi.deleteState({ agent: learner, activityId, stateId: "bookmark", registration });
  await assert.rejects(xapi.getState({ agent: learner, activityId, stateId: "bookmark", registration }), (e) => e.response?.status === 404);
});

await check("activity profile documents with concurrency", async () => {
  await xapi.setActivityProfile({ activityId, profileId: "settings", profile: { theme: "dark" }, matchHeader: "If-None-Match", etag: "*" });
  const profile = await xapi.getActivityProfile({ activityId, profileId: "settings" });
  assert.deepEqual(profile.data, { theme: "dark" });
  const etag = profile.headers.etag;
  await xapi.setActivityProfile({ activityId, profileId: "settings", profile: { theme: "light" }, matchHeader: "If-Match", etag });
  await assert.rejects(
    xapi.setActivityProfile({ activityId, profileId: "settings", profile: { theme: "blue" }, matchHeader: "If-Match", etag }),
    (e) => e.response?.status === 412);
  const ids = await xapi.getActivityProfiles({ activityId });
  assert.deepEqual(ids.data, ["settings"]);
  await xapi.deleteActivityProfile({ activityId, profileId: "settings" });
});

await check("agent profile documents", async () => {
  await xapi.setAgentProfile({ agent: learner, profileId: "prefs", profile: { language: "fr" }, matchHeader: "If-None-Match", etag: "*" });
  const profile = await xapi.getAgentProfile({ agent: learner, profileId: "prefs" });
  assert.deepEqual(profile.data, { language: "fr" });
  const ids = await xapi.getAgentProfiles({ agent: learner });
  assert.deepEqual(ids.data, ["prefs"]);
  await xapi.deleteAgentProfile({ agent: learner, profileId: "prefs" });
});

console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
