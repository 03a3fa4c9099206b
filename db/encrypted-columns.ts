import { CANDIDATE_FIELDS, CONSENT_FIELDS } from '@app/candidate';
import type { FieldCipher } from '@app/common';
import { DISPLAY_NAME_FIELD, EMAIL_FIELD } from '@app/identity';
import { HELP_OFFER_FIELDS } from '@app/volunteer';
import type { DataSource } from 'typeorm';

/** Every column encrypted in the application, with the field name its ciphertext is bound to. */
export const ENCRYPTED_COLUMNS = [
  { table: 'app_user', column: 'email_encrypted', field: EMAIL_FIELD },
  { table: 'app_user', column: 'display_name_encrypted', field: DISPLAY_NAME_FIELD },
  { table: 'candidate', column: 'real_name_encrypted', field: CANDIDATE_FIELDS.realName },
  { table: 'candidate', column: 'contact_encrypted', field: CANDIDATE_FIELDS.contact },
  { table: 'candidate', column: 'notes_encrypted', field: CANDIDATE_FIELDS.notes },
  { table: 'candidate', column: 'profile_encrypted', field: CANDIDATE_FIELDS.profile },
  { table: 'consent', column: 'note_encrypted', field: CONSENT_FIELDS.note },
  { table: 'consent', column: 'withdrawal_note_encrypted', field: CONSENT_FIELDS.withdrawalNote },
  { table: 'help_offer', column: 'name_encrypted', field: HELP_OFFER_FIELDS.name },
  { table: 'help_offer', column: 'contact_encrypted', field: HELP_OFFER_FIELDS.contact },
  { table: 'help_offer', column: 'message_encrypted', field: HELP_OFFER_FIELDS.message },
] as const;

/**
 * Key rotation, second step: after a new key is put first in FIELD_ENCRYPTION_KEYS (the old one
 * kept after it), every value written under an older key is decrypted and encrypted again under
 * the new one, a batch per transaction. Then the old key can be removed. Runs as the system.
 */
export async function reencryptAll(
  dataSource: DataSource,
  cipher: FieldCipher,
): Promise<{ table: string; column: string; rewritten: number }[]> {
  const results: { table: string; column: string; rewritten: number }[] = [];
  for (const { table, column, field } of ENCRYPTED_COLUMNS) {
    let rewritten = 0;
    for (;;) {
      const batch = await dataSource.transaction(async (em) => {
        const rows = await em.query<{ id: string; value: string }[]>(
          `SELECT id, ${column} AS value FROM ${table}
            WHERE ${column} IS NOT NULL AND split_part(${column}, '.', 2) <> $1
            LIMIT 500 FOR UPDATE SKIP LOCKED`,
          [cipher.activeKeyId],
        );
        for (const row of rows) {
          await em.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [
            row.id,
            cipher.encrypt(cipher.decrypt(row.value, field), field),
          ]);
        }
        return rows.length;
      });
      rewritten += batch;
      if (batch === 0) break;
    }
    results.push({ table, column, rewritten });
  }
  return results;
}
