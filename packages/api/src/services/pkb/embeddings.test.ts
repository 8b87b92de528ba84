import { pkbQueries, users } from '@margin/db';
import { createTestDb } from '@margin/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalize, vectorToBlob } from '../documents/embeddings.js';
import { claimMatrix, claimsChanged, rankClaims } from './embeddings.js';
import { createVectorStore } from './simd.js';

function random(dim: number, seed: number): Float32Array {
  let x = seed >>> 0 || 1;
  return normalize(
    Float32Array.from({ length: dim }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x / 2 ** 32 - 0.5;
    }),
  );
}

describe('createVectorStore (WebAssembly SIMD)', () => {
  it('scores every row like a plain dot product', () => {
    const dim = 384;
    const store = createVectorStore(dim, 50);
    expect(store).toBeDefined();
    if (!store) return;
    const rows = Array.from({ length: 50 }, (_, i) => random(dim, i + 1));
    rows.forEach((r, i) => store.rows.set(r, i * dim));
    const q = random(dim, 999);
    const scores = store.score(q, 50);
    rows.forEach((r, i) => {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += (r[k] ?? 0) * (q[k] ?? 0);
      expect(scores[i]).toBeCloseTo(dot, 5);
    });
  });

  it('declines dimensions it cannot handle', () => {
    expect(createVectorStore(382, 10)).toBeUndefined();
    expect(createVectorStore(0, 10)).toBeUndefined();
  });
});

describe('claim matrix cache', () => {
  let handle: ReturnType<typeof createTestDb>;
  let userId: string;
  beforeEach(() => {
    handle = createTestDb();
    userId = handle.db
      .insert(users)
      .values({ email: 'm@example.com', name: 'M', passwordHash: 'x' })
      .returning()
      .get().id;
  });
  afterEach(() => handle.close());

  it('ranks with plain JS when the dimension does not suit SIMD', () => {
    const rows = [1, 2, 3].map((seed) =>
      pkbQueries.insertClaim({
        db: handle.db,
        userId,
        claim: {
          statement: `odd ${seed}`,
          normalized: `odd ${seed}`,
          type: 'fact',
          embedding: vectorToBlob(random(6, seed)),
          embeddingModel: 'odd',
        },
        tags: [],
        entities: [],
      }),
    );
    claimsChanged(userId);
    const m = claimMatrix(handle.db, userId, 'odd');
    expect(m.store).toBeUndefined();
    const hits = rankClaims(m, random(6, 3), 3);
    expect(hits[0]).toMatchObject({ rowid: rows[2]?.rowid });
    expect(hits[0]?.cosine).toBeCloseTo(1, 5);
    expect(hits).toHaveLength(3);
  });

  const insert = (seed: number) =>
    pkbQueries.insertClaim({
      db: handle.db,
      userId,
      claim: {
        statement: `claim ${seed}`,
        normalized: `claim ${seed}`,
        type: 'fact',
        embedding: vectorToBlob(random(8, seed)),
        embeddingModel: 'm',
      },
      tags: [],
      entities: [],
    });

  it('patches written rows in place and stops ranking deleted ones', () => {
    const a = insert(1);
    claimsChanged(userId, { rowids: [a.rowid] });
    const first = claimMatrix(handle.db, userId, 'm');
    expect(first.count).toBe(1);
    const b = insert(2);
    claimsChanged(userId, { rowids: [b.rowid] });
    const second = claimMatrix(handle.db, userId, 'm');
    expect(second).toBe(first);
    expect(second.count).toBe(2);
    expect(rankClaims(second, random(8, 2), 1)[0]).toMatchObject({ rowid: b.rowid });
    expect(rankClaims(second, random(8, 2), 1)[0]?.cosine).toBeCloseTo(1, 5);

    pkbQueries.updateClaim({ db: handle.db, userId, id: b.id, changes: { status: 'retracted' } });
    claimsChanged(userId, { rowids: [b.rowid] });
    const third = claimMatrix(handle.db, userId, 'm');
    expect(
      rankClaims(third, random(8, 2), 5, { statuses: ['active'] }).map((h) => h.rowid),
    ).toEqual([a.rowid]);
    pkbQueries.deleteClaim({ db: handle.db, userId, id: a.id });
    claimsChanged(userId, { rowids: [a.rowid] });
    expect(rankClaims(claimMatrix(handle.db, userId, 'm'), random(8, 1), 5)).toEqual([
      { rowid: b.rowid, cosine: expect.any(Number) as number },
    ]);
    // Without rowids: rebuilt from the table.
    claimsChanged(userId);
    const rebuilt = claimMatrix(handle.db, userId, 'm');
    expect(rebuilt).not.toBe(third);
    expect(rebuilt.count).toBe(1);
  });
});
