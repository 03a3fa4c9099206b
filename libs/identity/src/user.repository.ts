import { EntityRepository, Page, paginateKeyset } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { UserEntity, UserOrganizationEntity } from './identity.entities';

@Injectable()
export class UserRepository extends EntityRepository<UserEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, UserEntity);
  }

  /** Who an e-mail hash belongs to, before any tenant is known (a SECURITY DEFINER function). */
  async identify(emailHash: string): Promise<{ userId: string; municipalityId: string } | null> {
    const rows: { user_id: string; municipality_id: string }[] = await this.dataSource.query(
      'SELECT user_id, municipality_id FROM auth_identify($1)',
      [emailHash],
    );
    return rows.length
      ? { userId: rows[0].user_id, municipalityId: rows[0].municipality_id }
      : null;
  }

  async update(id: string, values: Partial<UserEntity>, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, values);
  }

  /** Counts a failed sign-in atomically; at `max` in a row the account locks and the count restarts. */
  async recordFailure(id: string, max: number, lockMinutes: number): Promise<number> {
    const [rows]: [{ failures: number }[], number] = await this.dataSource.query(
      `UPDATE app_user
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2
                                  THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING CASE WHEN failed_logins = 0 THEN $2 ELSE failed_logins END AS failures`,
      [id, max, lockMinutes],
    );
    return rows[0]?.failures ?? max;
  }

  async organizationIdsOf(userId: string, em?: EntityManager): Promise<string[]> {
    return (await this.organizationIdsOfMany([userId], em)).get(userId) ?? [];
  }

  /** Memberships of several users in one statement (the user list). */
  async organizationIdsOfMany(
    userIds: string[],
    em?: EntityManager,
  ): Promise<Map<string, string[]>> {
    const rows = userIds.length
      ? await (em ?? this.dataSource.manager)
          .getRepository(UserOrganizationEntity)
          .find({ where: { userId: In(userIds) }, order: { organizationId: 'ASC' } })
      : [];
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.organizationId]);
    return byUser;
  }

  async replaceOrganizations(
    user: Pick<UserEntity, 'id' | 'municipalityId'>,
    organizationIds: string[],
    em: EntityManager,
  ): Promise<void> {
    const repo = em.getRepository(UserOrganizationEntity);
    await repo.delete({ userId: user.id });
    if (organizationIds.length)
      await repo.insert(
        organizationIds.map((organizationId) => ({
          userId: user.id,
          organizationId,
          municipalityId: user.municipalityId,
        })),
      );
  }

  /** Users of the municipality (the tenant's rows only), oldest first. */
  page(municipalityId: string, first?: number, after?: string): Promise<Page<UserEntity>> {
    return paginateKeyset(
      this.repo().createQueryBuilder('u').where('u.municipality_id = :municipalityId', {
        municipalityId,
      }),
      {
        sortKey: 'u.created_at',
        idColumn: 'u.id',
        keyOf: (u) => u.createdAt.toISOString(),
        first,
        after,
      },
    );
  }
}
