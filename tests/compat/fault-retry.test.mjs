// Fault rules against Meta's Business SDK for Node (facebook-nodejs-business-sdk), unmodified. The SDK parses
// the injected Graph errors as it parses Meta's (FacebookRequestError with the error object in .response),
// but it retries nothing on is_transient by itself (only video chunk uploads retry, on any error), and no
// retry library is among this suite's packages; so the retry here is the usual one an application wraps
// around the SDK: retry while the error says is_transient, up to a bound.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import bizSdk from 'facebook-nodejs-business-sdk';
import { getJson, useServer } from './harness.mjs';

const { FacebookAdsApi, User } = bizSdk;

// The package does not export the class; its errors carry its name.
const isRequestError = (error) => error?.name === 'FacebookRequestError';

const server = useServer();

function sdk() {
  const baseUrl = server.baseUrl;
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { configurable: true, get: () => baseUrl });
  return FacebookAdsApi.init(server.token, 'en_US', false);
}

async function control(method, path, body) {
  const response = await fetch(`${server.baseUrl}/_pictograph${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

/** Calls `call` again while it fails with a Graph error that is_transient, at most `tries` times. */
async function withRetries(call, tries = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call(), attempts: attempt };
    } catch (error) {
      const transient = isRequestError(error) && error.response?.is_transient === true;
      if (!transient || attempt >= tries) {
        error.attempts = attempt;
        throw error;
      }
    }
  }
}

test('a client retrying on is_transient gets through once a transient fault is spent', async () => {
  sdk();
  await control('DELETE', '/faults');
  const added = await control('POST', '/faults', {
    id: 'flaky',
    match: { method: 'GET', path: '/v*/me' },
    error: { code: 2, message: 'Service temporarily unavailable', type: 'OAuthException', status: 503, is_transient: true },
    times: 2,
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));

  const { value, attempts } = await withRetries(() => new User('me').get(['id', 'username']));
  assert.equal(attempts, 3);
  assert.equal(value.username, server.username);
  assert.deepEqual((await control('GET', '/faults')).body.data, [], 'the rule is spent');

  const { body } = await getJson(`${server.baseUrl}/_pictograph/requests?path=/v`);
  const calls = body.data.slice(-3);
  assert.deepEqual(calls.map((r) => r.status), [503, 503, 200]);
  assert.deepEqual(calls.map((r) => r.error_code), [2, 2, null]);
  assert.deepEqual(calls.map((r) => r.fault), ['flaky', 'flaky', null]);
});

test('an error that is not transient is not retried, and the SDK reads it as Meta sends it', async () => {
  sdk();
  await control('DELETE', '/faults');
  await control('POST', '/faults', {
    match: { token: server.token },
    error: { code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired', is_transient: false },
  });
  const error = await withRetries(() => new User('me').get(['id'])).then(() => null, (e) => e);
  assert.ok(isRequestError(error), String(error));
  assert.equal(error.attempts, 1);
  assert.equal(error.status, 400);
  assert.equal(error.response.code, 190);
  assert.equal(error.response.error_subcode, 463);
  assert.equal(error.message, 'Error validating access token: Session has expired');
  await control('DELETE', '/faults');
});

test('a dropped connection reaches the SDK as a request without a response', async () => {
  sdk();
  await control('POST', '/faults', { match: { path: '/v*/me' }, drop: true, times: 1 });
  const error = await new User('me').get(['id']).then(() => null, (e) => e);
  assert.ok(isRequestError(error), String(error));
  assert.equal(error.status, null);
  assert.equal(error.message, 'The request was made but no response was received');
  const user = await new User('me').get(['username']);
  assert.equal(user.username, server.username);
});
