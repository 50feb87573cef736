// Batch requests whose operations use each other ({result=NAME:$.path}, depends_on), sent by Meta's Business
// SDK for Node (FacebookAdsApiBatch, unmodified: it posts {"batch":[…]} as a JSON body) and by plain fetch
// with a form body, as the Graph API documentation shows.
//
// The SDK has no setting for its Graph host; as in meta-sdk.test.mjs the test redefines the static
// FacebookAdsApi.GRAPH getter at run time and passes crash_log=false to init(). Its add() returns the
// operation object it sends, which is where a caller sets members the SDK has no argument for (name,
// omit_response_on_success).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import bizSdk from 'facebook-nodejs-business-sdk';
import { issueToken, useServer } from './harness.mjs';

const { FacebookAdsApi, FacebookAdsApiBatch } = bizSdk;

const server = useServer();

let api;

function sdkApi() {
  if (!api) {
    const baseUrl = server.baseUrl;
    Object.defineProperty(FacebookAdsApi, 'GRAPH', { configurable: true, get: () => baseUrl });
    api = FacebookAdsApi.init(issueToken(server, 'dev@example.com', 'instagram_basic,pages_show_list'), 'en_US', false);
  }
  return api;
}

/** Runs a batch through the SDK; each operation's answer lands in the returned array by index. */
async function runSdkBatch(build) {
  const answers = [];
  const batch = new FacebookAdsApiBatch(sdkApi());
  build((method, path, params) => {
    const index = batch._batch.length;
    const record = (outcome) => (response) => { answers[index] = { outcome, status: response.status, body: response.body }; };
    return batch.add(method, path, params, null, record('success'), record('failure'));
  });
  const retry = await batch.execute();
  return { answers, retry };
}

test('the SDK sends a wildcard reference from the Pages to their Instagram accounts', async () => {
  const { answers, retry } = await runSdkBatch((add) => {
    const pages = add('GET', 'me/accounts', { fields: 'instagram_business_account' });
    pages.name = 'pages';
    pages.omit_response_on_success = false;
    add('GET', '', { ids: '{result=pages:$.data.*.instagram_business_account.id}', fields: 'username' });
  });

  assert.equal(retry, null, 'every operation answered');
  assert.equal(answers[0].outcome, 'success');
  const linked = answers[0].body.data.map((page) => page.instagram_business_account?.id).filter(Boolean);
  assert.ok(linked.length >= 2, 'two Pages are linked to Instagram accounts');
  assert.equal(answers[1].outcome, 'success', JSON.stringify(answers[1].body));
  assert.deepEqual(Object.keys(answers[1].body), linked);
  assert.deepEqual(
    Object.values(answers[1].body).map((account) => account.username).sort(),
    ['example_shop', 'studio.creator'],
  );
});

test('a referenced operation answers null, which the SDK hands back as a batch still to run', async () => {
  const { answers, retry } = await runSdkBatch((add) => {
    add('GET', 'me', { fields: 'id' }).name = 'me';
    add('GET', '{result=me:$.id}', { fields: 'id,name' });
  });

  assert.equal(answers[0], undefined, 'no callback for an omitted result');
  assert.equal(answers[1].outcome, 'success');
  assert.match(answers[1].body.id, /^\d+$/);
  assert.ok(answers[1].body.name);
  assert.ok(retry instanceof FacebookAdsApiBatch);
  assert.deepEqual(retry._batch.map((call) => call.name), ['me']);
});

test('a form-posted batch: a dependent read, then what a failed dependency answers', async () => {
  const batch = [
    { method: 'GET', name: 'me', relative_url: 'me?fields=id' },
    { method: 'GET', relative_url: '{result=me:$.id}/media?fields=id,caption&limit=2' },
    { method: 'GET', name: 'missing', relative_url: '1234567890102' },
    { method: 'GET', depends_on: 'missing', relative_url: 'me' },
  ];
  const response = await fetch(`${server.baseUrl}/`, {
    method: 'POST',
    body: new URLSearchParams({ batch: JSON.stringify(batch), include_headers: 'false', access_token: server.token }),
  });

  assert.equal(response.status, 200);
  const answers = await response.json();
  assert.equal(answers.length, 4);
  assert.equal(answers[0], null);
  assert.deepEqual(Object.keys(answers[1]), ['code', 'body']);
  assert.equal(answers[1].code, 200);
  const media = JSON.parse(answers[1].body);
  assert.equal(media.data.length, 2);
  for (const item of media.data) assert.match(item.id, /^\d+$/);
  assert.equal(answers[2].code, 400);
  assert.equal(answers[3].code, 400);
  const skipped = JSON.parse(answers[3].body).error;
  assert.equal(skipped.code, 100);
  assert.equal(skipped.message, '(#100) This operation depends on the batch operation missing, which failed');
});
