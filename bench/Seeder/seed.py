#!/usr/bin/env python3
"""Bulk-loads a benchmark data set into a freshly seeded Pictograph SQLite file.

Usage: seed.py <path/to/pictograph.db>

Adds (on top of the demo world): accounts up to 100 in all, 10,000 grid photos for jane.doe,
2,000 grid photos for example_shop (the newest 500 inside the last 24 hours, so hashtag
recent_media has data), 1,000,000 comments spread over example_shop's media and 100,000 hashtag
uses (one per comment that carries a hashtag). Ids follow the server's scheme
(base(kind) + sequence) * 100 + kind, with sequences taken from IdBlocks and IdBlocks advanced
past them, so the running server keeps allocating fresh ids.
"""
import base64
import hashlib
import random
import sqlite3
import struct
import sys
import time

BASE = {1: 178_414_000_000_000, 2: 179_000_000_000_000, 3: 178_700_000_000_000, 6: 178_438_000_000_000}
ACCOUNT, MEDIA, COMMENT, HASHTAG = 1, 2, 3, 6
TOTAL_ACCOUNTS = 100
JANE_MEDIA = 10_000
SHOP_MEDIA = 2_000
SHOP_RECENT = 500
COMMENTS = 1_000_000
HASHTAG_USES = 100_000
ROWS_PER_INSERT = 500  # multi-row VALUES; stays below SQLite's 32,766 bound parameters


def compose(kind, seq):
    return (BASE[kind] + seq) * 100 + kind


def shortcode(media_id):
    digest = hashlib.sha256(struct.pack(">q", media_id)).digest()
    return base64.urlsafe_b64encode(digest[:8]).decode().rstrip("=")


def insert_many(cur, table, columns, rows):
    placeholders = "(" + ",".join("?" * len(columns)) + ")"
    head = f'INSERT INTO "{table}" ({",".join(columns)}) VALUES '
    full = head + ",".join([placeholders] * ROWS_PER_INSERT)
    for start in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[start:start + ROWS_PER_INSERT]
        flat = [v for row in chunk for v in row]
        cur.execute(full if len(chunk) == ROWS_PER_INSERT else head + ",".join([placeholders] * len(chunk)), flat)


def main():
    started = time.time()
    rng = random.Random(42)
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")
    cur = db.cursor()
    now = int(time.time())

    nxt = dict(cur.execute("SELECT Kind, Next FROM IdBlocks").fetchall())

    def take(kind, n):
        start = nxt.get(kind, 1)
        nxt[kind] = start + n
        return range(start, start + n)

    ids = dict(cur.execute("SELECT Username, Id FROM Accounts").fetchall())
    jane, shop = ids["jane.doe"], ids["example_shop"]
    # A stored photo to point media_url at (the URL is signed, not resolved, on reads).
    file_key = cur.execute("SELECT FileKey FROM Media WHERE OwnerId = ? AND MediaType = 'Image' AND FileKey IS NOT NULL LIMIT 1", (jane,)).fetchone()[0]

    cur.execute("BEGIN")

    # Accounts.
    existing = len(ids)
    rows = []
    for i, seq in enumerate(take(ACCOUNT, max(0, TOTAL_ACCOUNTS - existing))):
        rows.append((compose(ACCOUNT, seq), f"bench.user{i:03d}", "Personal", f"Bench User {i}", now - 86400 * 400))
    insert_many(cur, "Accounts", ["Id", "Username", "AccountType", "Name", "CreatedAt"], rows)
    authors = [r[1] for r in cur.execute("SELECT Username, Id FROM Accounts").fetchall() if r[0] != "example_shop"]

    # Media: jane.doe's grid (one photo every ~hour going back), example_shop's grid.
    def media_rows(owner, count, newest, spacing, label):
        out = []
        for i, seq in enumerate(take(MEDIA, count)):
            mid = compose(MEDIA, seq)
            out.append((mid, owner, "Image", "Feed", f"{label} {i + 1}", newest - (count - 1 - i) * spacing, shortcode(mid), 0, file_key, 1, 1))
        return out

    mcols = ["Id", "OwnerId", "MediaType", "ProductType", "Caption", "CreatedAt", "Shortcode", "Position", "FileKey", "CommentEnabled", "InGrid"]
    insert_many(cur, "Media", mcols, media_rows(jane, JANE_MEDIA, now - 7200, 3600, "Bench photo"))
    shop_rows = media_rows(shop, SHOP_MEDIA, now - 60, 150, "Bench product")  # newest 500 within ~21 hours
    insert_many(cur, "Media", mcols, shop_rows)
    shop_media = [r[0] for r in cur.execute("SELECT Id FROM Media WHERE OwnerId = ? AND ParentId IS NULL", (shop,)).fetchall()]
    recent_shop = [r[0] for r in shop_rows[-SHOP_RECENT:]]

    # Hashtags the comments use (reuse the demo's ids when the name exists).
    names = ["coffee", "espresso", "latte", "roast", "beans", "morning", "barista", "pourover", "smallbatch", "coffeetime"]
    tags = dict(cur.execute("SELECT Name, Id FROM Hashtags").fetchall())
    missing = [n for n in names if n not in tags]
    new_tags = [(compose(HASHTAG, seq), n) for seq, n in zip(take(HASHTAG, len(missing)), missing)]
    insert_many(cur, "Hashtags", ["Id", "Name"], new_tags)
    tags.update({n: i for i, n in new_tags})

    # Comments: 1,000,000 over example_shop's media; every 10th carries a hashtag and gets a HashtagUse.
    texts = ["Love this!", "Where can I buy it?", "Looks delicious", "Great shot", "Ordered a bag last week, it's amazing!",
             "Is this available in decaf?", "Beautiful packaging", "What's the roast date?", "My favourite shop", "Wow"]
    every = COMMENTS // HASHTAG_USES
    batch, uses = [], []
    for i, seq in enumerate(take(COMMENT, COMMENTS)):
        cid = compose(COMMENT, seq)
        hashtagged = i % every == 0
        # Hashtagged comments sit on recent posts so the hashtag's recent_media lists them.
        media = recent_shop[rng.randrange(len(recent_shop))] if hashtagged else shop_media[rng.randrange(len(shop_media))]
        created = now - rng.randrange(60, 86400 * 30) if not hashtagged else now - rng.randrange(60, 80000)
        text = texts[i % len(texts)]
        if hashtagged:
            tag = names[(i // every) % len(names)]
            text += f" #{tag}"
            uses.append((tags[tag], media, cid, created))
        batch.append((cid, media, authors[rng.randrange(len(authors))], text, created, 0))
        if len(batch) >= 50_000:
            insert_many(cur, "Comments", ["Id", "MediaId", "AuthorId", "Text", "CreatedAt", "Hidden"], batch)
            batch = []
    insert_many(cur, "Comments", ["Id", "MediaId", "AuthorId", "Text", "CreatedAt", "Hidden"], batch)
    insert_many(cur, "HashtagUses", ["HashtagId", "MediaId", "CommentId", "CreatedAt"], uses)

    for kind, value in nxt.items():
        cur.execute("INSERT INTO IdBlocks (Kind, Next) VALUES (?, ?) ON CONFLICT (Kind) DO UPDATE SET Next = excluded.Next", (kind, value))
    cur.execute("COMMIT")

    counts = {t: cur.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in ["Accounts", "Media", "Comments", "HashtagUses"]}
    print(f"seeded in {time.time() - started:.1f}s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
