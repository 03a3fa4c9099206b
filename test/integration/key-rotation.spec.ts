import { FieldCipher } from '@app/common';
import { ENCRYPTED_COLUMNS, reencryptAll } from '@db/encrypted-columns';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { aCityWithAreas } from '../support/factories';
import { aTeam } from '../support/auth';
import { connect, ScratchDatabase, scratchDatabase } from '../support/test-database';

/** `npm run keys:reencrypt`, on a database of its own (it rewrites every protected field). */
describe('key rotation', () => {
  let db: ScratchDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await scratchDatabase();
    ds = await connect(db);
    await ds.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('re-encrypts every value written under the old key, which then is no longer needed', async () => {
    const lookupKey = randomBytes(32);
    const k1 = { id: 'k1', key: randomBytes(32) };
    const k2 = { id: 'k2', key: randomBytes(32) };
    const before = new FieldCipher({ fieldKeys: [k1], lookupKey });
    const city = await aCityWithAreas(ds, 135.0, 41.0);
    const team = await aTeam(ds, city.municipality.id);
    for (let i = 0; i < 3; i++) {
      await ds.query(
        `INSERT INTO candidate (municipality_id, team_id, alias, real_name_encrypted, notes_encrypted) VALUES ($1, $2, $3, $4, $5)`,
        [
          city.municipality.id,
          team.id,
          `ローテーション${i}さん`,
          before.encrypt(`氏名${i}`, 'candidate.real_name'),
          before.encrypt(`メモ${i}`, 'candidate.notes'),
        ],
      );
    }
    const rotated = new FieldCipher({ fieldKeys: [k2, k1], lookupKey });
    const results = await reencryptAll(ds, rotated);
    expect(results.find((r) => r.column === 'real_name_encrypted')?.rewritten).toBe(3);
    expect(results.find((r) => r.column === 'notes_encrypted')?.rewritten).toBe(3);
    expect(results).toHaveLength(ENCRYPTED_COLUMNS.length);

    const onlyNew = new FieldCipher({ fieldKeys: [k2], lookupKey });
    const rows = await ds.query<
      { alias: string; real_name_encrypted: string; notes_encrypted: string }[]
    >('SELECT alias, real_name_encrypted, notes_encrypted FROM candidate ORDER BY alias');
    expect(
      rows.map((r) => [
        onlyNew.decrypt(r.real_name_encrypted, 'candidate.real_name'),
        onlyNew.decrypt(r.notes_encrypted, 'candidate.notes'),
      ]),
    ).toEqual([
      ['氏名0', 'メモ0'],
      ['氏名1', 'メモ1'],
      ['氏名2', 'メモ2'],
    ]);
    // A second run finds nothing left to do.
    expect((await reencryptAll(ds, rotated)).every((r) => r.rewritten === 0)).toBe(true);
  });
});
