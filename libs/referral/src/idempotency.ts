import { BadUserInputException, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { EntityManager } from 'typeorm';

/**
 * Requests that must not happen twice (a referral sent, a host's answer), made safe to repeat: the
 * first request with a key claims it inside its transaction; a replay with the same input (even
 * one sent at the same moment, which waits for the first to commit) answers what the first made,
 * and the same key with a different input is refused. Keys belong to the user who sent them.
 */
@Injectable()
export class Idempotency {
  async once(
    em: EntityManager,
    operation: string,
    key: string,
    input: unknown,
    work: () => Promise<string>,
  ): Promise<{ id: string; replay: boolean }> {
    const viewer = RequestContext.signedIn();
    const hash = createHash('sha256')
      .update(stringify(input) ?? '')
      .digest('hex');
    const claimed = await em.query<unknown[]>(
      `INSERT INTO idempotency_key (user_id, operation, key, municipality_id, request_hash)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING key`,
      [viewer.userId, operation, key, viewer.municipalityId, hash],
    );
    if (claimed.length) {
      const id = await work();
      await em.query(
        `UPDATE idempotency_key SET result_id = $4 WHERE user_id = $1 AND operation = $2 AND key = $3`,
        [viewer.userId, operation, key, id],
      );
      return { id, replay: false };
    }
    const [first] = await em.query<{ request_hash: string; result_id: string }[]>(
      `SELECT request_hash, result_id FROM idempotency_key WHERE user_id = $1 AND operation = $2 AND key = $3`,
      [viewer.userId, operation, key],
    );
    if (first.request_hash !== hash)
      throw BadUserInputException.field(
        'idempotencyKey',
        'この冪等キーはすでに別の内容の依頼で使われています。新しいキーで送り直してください',
      );
    return { id: first.result_id, replay: true };
  }
}
