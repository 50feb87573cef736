// Meta's Business SDK for Node lists every field of IGUser, IGMedia and IGComment (IGUser.Fields…, generated
// from the same specs as docs/coverage.md). Asked for all of them at once, through the unmodified SDK, the
// server answers each call, and the legacy ids arrive as JavaScript reads them exactly.
// (See meta-sdk.test.mjs for how the SDK is pointed at this server.)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import bizSdk from 'facebook-nodejs-business-sdk';
import { issueToken, useServer } from './harness.mjs';

const { FacebookAdsApi, IGComment, IGMedia, IGUser, Page, User } = bizSdk;

const server = useServer();
// catalog_management: shopping_product_tag_eligibility needs it.
const SCOPES = 'instagram_basic,pages_show_list,instagram_manage_comments,pages_read_engagement,catalog_management';
// Fields that take a parameter of their own (business_discovery.username(…), mentioned_media.media_id(…)).
const PARAMETERISED = new Set(['business_discovery', 'mentioned_media', 'mentioned_comment']);

let shopId;

async function shop() {
  if (shopId) return shopId;
  const baseUrl = server.baseUrl;
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { configurable: true, get: () => baseUrl });
  FacebookAdsApi.init(issueToken(server, 'dev@example.com', SCOPES), 'en_US', false);
  for (const account of await new User('me').getAccounts(['id'])) {
    const linked = (await new Page(account.id).get(['instagram_business_account']))._data.instagram_business_account?.id;
    if (linked && (await new IGUser(linked).get(['username'])).username === 'example_shop') {
      shopId = linked;
      return shopId;
    }
  }
  assert.fail('no Page of dev@example.com is linked to example_shop');
}

const fieldsOf = (type) => Object.values(type.Fields).filter((name) => !PARAMETERISED.has(name));

test("every IGUser field the SDK knows is served, and ig_id is a number JavaScript holds exactly", async () => {
  const id = await shop();
  const user = await new IGUser(id).get(fieldsOf(IGUser));
  assert.equal(user.id, id);
  assert.equal(typeof user.ig_id, 'number');
  assert.ok(Number.isSafeInteger(user.ig_id), `ig_id ${user.ig_id}`);
  assert.notEqual(String(user.ig_id), id);
  assert.equal(user.legacy_instagram_user_id, String(user.ig_id));
  assert.equal(user.shopping_product_tag_eligibility, false);
  assert.equal(user.is_published, true);
});

test('every IGMedia field the SDK knows is served on a reel and a photo', async () => {
  const media = [...(await new IGUser(await shop()).getMedia(['id', 'media_type'], { limit: 100 }))];
  const reel = media.find((m) => m.media_type === 'VIDEO');
  const photo = media.find((m) => m.media_type === 'IMAGE');
  assert.ok(reel && photo, 'example_shop has a reel and a photo');

  const video = await new IGMedia(reel.id).get(fieldsOf(IGMedia));
  assert.deepEqual(video.copyright_check_information, { status: { status: 'completed', matches_found: false } });
  assert.deepEqual(video.boost_eligibility_info, { eligible_to_boost: true });
  assert.equal(typeof video.view_count, 'number');
  assert.match(video.ig_id, /^\d+$/);
  assert.notEqual(video.ig_id, reel.id);

  const image = await new IGMedia(photo.id).get(fieldsOf(IGMedia));
  assert.equal(image.copyright_check_information, undefined);
  assert.equal(image.video_title, undefined);
});

test('every IGComment field the SDK knows is served', async () => {
  const media = [...(await new IGUser(await shop()).getMedia(['id', 'comments_count'], { limit: 100 }))];
  const commented = media.find((m) => (m.comments_count ?? 0) > 0);
  assert.ok(commented, 'a post with comments');
  const [first] = await new IGMedia(commented.id).getComments(['id']);
  const comment = await new IGComment(first.id).get(fieldsOf(IGComment));
  assert.equal(comment.id, first.id);
  assert.match(comment.legacy_instagram_comment_id, /^\d+$/);
  assert.notEqual(comment.legacy_instagram_comment_id, first.id);
});
