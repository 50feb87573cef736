// Meta's official Business SDK for Node (facebook-nodejs-business-sdk), unmodified, against Pictograph
// through Facebook Login: dev@example.com's user token → the Page → its Instagram business account
// (example_shop) → media through the SDK's cursors → an album's children → comments (reply, hide) →
// hashtag search.
//
// The SDK has no setting for its Graph host: FacebookAdsApi.GRAPH is a static getter returning
// 'https://graph.facebook.com', read on every call (and as axios' baseURL). The test redefines that
// getter on the imported class at run time (the package's files stay untouched), and passes
// crash_log=false to init() so the SDK's crash reporter never posts anywhere.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import bizSdk from 'facebook-nodejs-business-sdk';
import { issueToken, useServer } from './harness.mjs';

const { FacebookAdsApi, IGComment, IGMedia, IGUser, Page, ShadowIGHashtag, User } = bizSdk;

const server = useServer();
const SCOPES = 'instagram_basic,pages_show_list,instagram_manage_comments,pages_read_engagement';

let api;
let igUserId;

/** A Facebook Login user token for the demo developer, issued with the CLI. */
function issueDeveloperToken() {
  const token = issueToken(server, 'dev@example.com', SCOPES);
  assert.match(token, /^\S{20,}$/);
  return token;
}

/** The SDK's whole client, pointed at this server. */
function sdkApi() {
  if (!api) {
    const baseUrl = server.baseUrl;
    Object.defineProperty(FacebookAdsApi, 'GRAPH', { configurable: true, get: () => baseUrl });
    api = FacebookAdsApi.init(issueDeveloperToken(), 'en_US', false);
  }
  return api;
}

async function businessAccountId() {
  if (igUserId) return igUserId;
  sdkApi();
  const accounts = await new User('me').getAccounts(['id', 'name', 'access_token']);
  assert.ok(accounts.length >= 1, 'dev@example.com manages Pages');
  for (const account of accounts) {
    const page = await new Page(account.id).get(['instagram_business_account']);
    const linked = page._data.instagram_business_account?.id;
    if (!linked) continue;
    const user = await new IGUser(linked).get(['username']);
    if (user.username === 'example_shop') {
      igUserId = linked;
      return igUserId;
    }
  }
  assert.fail('no Page of dev@example.com is linked to example_shop');
}

async function allMedia(fields) {
  const cursor = await new IGUser(await businessAccountId()).getMedia(fields, { limit: 2 });
  const items = [...cursor];
  let pages = 1;
  while (cursor.hasNext()) {
    await cursor.next();
    items.push(...cursor);
    pages += 1;
    assert.ok(pages < 100, 'paging ends');
  }
  return { items, pages };
}

test('the SDK reads the Instagram business account through the Page', async () => {
  const id = await businessAccountId();
  const user = await new IGUser(id).get(['id', 'username', 'media_count']);
  assert.equal(user.id, id);
  assert.equal(user.username, 'example_shop');
  assert.ok(user.media_count >= 4, `media_count ${user.media_count}`);
});

test("the SDK's cursor walks the media through paging.next", async () => {
  const id = await businessAccountId();
  const { media_count: count } = await new IGUser(id).get(['media_count']);
  const { items, pages } = await allMedia(['id', 'caption', 'media_type', 'timestamp']);
  assert.equal(items.length, count);
  assert.ok(pages > 1, 'more than one page at limit=2');
  assert.equal(new Set(items.map((m) => m.id)).size, items.length, 'no item twice');
  for (const item of items) assert.ok(item instanceof IGMedia);
  const times = items.map((m) => Date.parse(m.timestamp.replace(/\+0000$/, 'Z')));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
});

test("the SDK reads an album's children", async () => {
  const { items } = await allMedia(['id', 'media_type']);
  const album = items.find((m) => m.media_type === 'CAROUSEL_ALBUM');
  assert.ok(album, 'example_shop has a carousel album');
  const children = await new IGMedia(album.id).getChildren(['id', 'media_type', 'media_url']);
  assert.ok(children.length >= 2);
  for (const child of children) {
    assert.ok(['IMAGE', 'VIDEO'].includes(child.media_type));
    assert.ok(child.media_url.startsWith(server.baseUrl), child.media_url);
  }
});

test('the SDK replies to a comment and hides it', async () => {
  const { items } = await allMedia(['id', 'comments_count']);
  const media = items.find((m) => (m.comments_count ?? 0) > 0) ?? items[0];
  const comments = await new IGMedia(media.id).getComments(['id', 'text', 'username', 'hidden']);
  assert.ok(comments.length > 0, 'the seeded media has comments');
  // Someone else's visible comment: Instagram refuses to hide the owner's own comments.
  const top = comments.find((c) => c.username !== 'example_shop' && c.hidden !== true);
  assert.ok(top, 'a visible comment by someone else');

  const reply = await new IGComment(top.id).createReply([], { message: 'Thanks from the SDK!' });
  assert.match(reply.id, /^\d+$/);
  const replies = await new IGComment(top.id).getReplies(['id', 'text']);
  assert.ok(replies.some((r) => r.id === reply.id && r.text === 'Thanks from the SDK!'));

  const hidden = await new IGComment(top.id).update([], { hide: true });
  assert.equal(hidden.success, true);
  const read = await new IGComment(top.id).get(['id', 'hidden']);
  assert.equal(read.hidden, true);
});

test('the SDK searches a hashtag and reads its recent media', async () => {
  const id = await businessAccountId();
  // The SDK has no method for ig_hashtag_search; apps call it through the SDK's own api.call.
  const found = await sdkApi().call('GET', ['ig_hashtag_search'], { user_id: id, q: 'coffee' });
  assert.equal(found.data.length, 1);
  const hashtag = await new ShadowIGHashtag(found.data[0].id).get(['id', 'name']);
  assert.equal(hashtag.name, 'coffee');
  const recent = await new ShadowIGHashtag(hashtag.id).getRecentMedia(['id', 'caption', 'timestamp'], { user_id: id });
  assert.ok(recent.length > 0, 'example_shop posted with #coffee today');
  assert.ok(recent.some((m) => /#coffee/i.test(m.caption ?? '')));
  for (const media of recent) {
    assert.ok(Date.now() - Date.parse(media.timestamp.replace(/\+0000$/, 'Z')) <= 24 * 3600 * 1000, 'recent_media is the last 24 hours');
  }
  const top = await new ShadowIGHashtag(hashtag.id).getTopMedia(['id', 'caption'], { user_id: id });
  assert.ok(top.length >= recent.length);
});
