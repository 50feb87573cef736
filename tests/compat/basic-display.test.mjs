// The Basic Display API through a plain client: Node's global fetch and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getJson, useServer } from './harness.mjs';

const server = useServer();

test('GET /me with fields and access_token in the query', async () => {
  const { status, body } = await getJson(`${server.baseUrl}/me?fields=id,username&access_token=${encodeURIComponent(server.token)}`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.deepEqual(Object.keys(body), ['id', 'username']);
  assert.equal(body.username, server.username);
  assert.match(body.id, /^\d+$/);
});

test('following paging.next verbatim visits every media item exactly once', async () => {
  const token = encodeURIComponent(server.token);
  const all = await getJson(`${server.baseUrl}/me/media?limit=100&access_token=${token}`);
  assert.equal(all.status, 200, JSON.stringify(all.body));
  const expected = all.body.data.map((item) => item.id);
  assert.ok(expected.length > 4, `the demo world should have several posts, got ${expected.length}`);

  const seen = [];
  let url = `${server.baseUrl}/me/media?limit=2&access_token=${token}`;
  let lastPage;
  for (let pages = 0; url; pages++) {
    assert.ok(pages < 50, 'paging did not end within 50 pages');
    const { status, body } = await getJson(url);
    assert.equal(status, 200, `${url}: ${JSON.stringify(body)}`);
    assert.ok(body.data.length >= 1 && body.data.length <= 2, `page ${pages + 1} has ${body.data.length} items`);
    seen.push(...body.data.map((item) => item.id));
    lastPage = body;
    url = body.paging?.next; // exactly as given: no re-encoding, no token added
  }

  assert.equal(new Set(seen).size, seen.length, `an item came twice: ${seen}`);
  assert.deepEqual(seen, expected);
  assert.equal(lastPage.paging?.next, undefined);
});
