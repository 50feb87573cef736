// Wire details real clients trip on, through plain fetch and Meta's Business SDK (unmodified): a base URL
// ending in "/" joined with a path starting with one (repeated slashes on the token endpoints and Graph
// paths), and `fields` as a JSON array (what the npm fb library and the Business SDK's own parameter
// encoder send for an array).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import bizSdk from 'facebook-nodejs-business-sdk';
import { issueToken, useServer } from './harness.mjs';

const { FacebookAdsApi, User } = bizSdk;

const server = useServer();

async function getJson(path) {
  const response = await fetch(`${server.baseUrl}${path}`);
  const body = await response.json();
  return { status: response.status, version: response.headers.get('facebook-api-version'), body };
}

test('the token endpoints answer under repeated slashes', async () => {
  const credentials = `grant_type=client_credentials&client_id=${server.appId}&client_secret=${server.appSecret}`;
  const appToken = `${server.appId}|${server.appSecret}`;

  const versioned = await getJson(`/v21.0//oauth/access_token?${credentials}`);
  const unversioned = await getJson(`//oauth/access_token?${credentials}`);
  const debug = await getJson(`//debug_token?input_token=${server.token}&access_token=${encodeURIComponent(appToken)}`);
  // The demo token is long-lived and new: refreshing it is refused by the refresh endpoint itself.
  const refresh = await getJson(`///refresh_access_token?grant_type=ig_refresh_token&access_token=${server.token}`);
  const exchange = await getJson(`//access_token?grant_type=ig_exchange_token&client_secret=${server.appSecret}&access_token=${server.token}`);

  assert.equal(versioned.status, 200, JSON.stringify(versioned.body));
  assert.equal(versioned.body.access_token, appToken);
  assert.equal(unversioned.body.access_token, appToken);
  assert.equal(debug.status, 200, JSON.stringify(debug.body));
  assert.equal(debug.body.data.is_valid, true);
  for (const refused of [refresh, exchange]) {
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 100, JSON.stringify(refused.body));
  }
});

test('fields as a JSON array reads as the comma list', async () => {
  const asList = await getJson(`/me?fields=id,username&access_token=${server.token}`);
  const asJson = await getJson(`//me?fields=${encodeURIComponent(JSON.stringify(['id', 'username']))}&access_token=${server.token}`);
  const nested = await getJson(`/me/media?limit=1&fields=${encodeURIComponent(JSON.stringify(['id', 'children{id}']))}&access_token=${server.token}`);
  const malformed = await getJson(`/me?fields=${encodeURIComponent('["id"')}&access_token=${server.token}`);

  assert.equal(asList.status, 200, JSON.stringify(asList.body));
  assert.deepEqual(asJson.body, asList.body);
  assert.deepEqual(Object.keys(asJson.body), ['id', 'username']);
  assert.equal(nested.status, 200, JSON.stringify(nested.body));
  assert.equal(nested.body.data.length, 1);
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error.code, 100);
});

test("Meta's Business SDK with a base URL ending in a slash, and an array of fields", async () => {
  const token = issueToken(server, 'dev@example.com', 'instagram_basic,pages_show_list');
  const baseUrl = `${server.baseUrl}/`;
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { configurable: true, get: () => baseUrl });
  const api = FacebookAdsApi.init(token, 'en_US', false);

  // http://host//v24.0/debug_token?… and http://host//v24.0/me?fields=["id","name"]
  const debug = await api.getAppID();
  const me = await api.call('GET', ['me'], { fields: ['id', 'name'] });
  const user = await new User('me').get(['id', 'name']);

  assert.equal(debug.data.data.app_id, server.appId);
  assert.deepEqual(Object.keys(me), ['id', 'name']);
  assert.equal(me.name, user.name);
  assert.equal(me.id, user.id);
});
