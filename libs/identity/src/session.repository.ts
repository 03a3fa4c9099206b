import { EntityRepository, Viewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthSessionEntity, UserRole } from './identity.entities';

interface ViewerRow {
  must_change_password: boolean;
  user_id: string;
  municipality_id: string;
  role: UserRole;
  team_id: string | null;
  area_ids: string[];
  organization_ids: string[];
}

@Injectable()
export class SessionRepository extends EntityRepository<AuthSessionEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, AuthSessionEntity);
  }

  /**
   * The viewer of an open session: the session is neither revoked nor expired and its user is
   * active. One statement per request, under the token's tenant.
   */
  async viewerOf(
    sessionId: string,
    userId: string,
  ): Promise<{ viewer: Viewer; mustChangePassword: boolean } | null> {
    const rows: ViewerRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.municipality_id, u.role, u.team_id, u.area_ids, u.must_change_password,
              COALESCE(array_agg(uo.organization_id ORDER BY uo.organization_id)
                       FILTER (WHERE uo.organization_id IS NOT NULL), '{}') AS organization_ids
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id AND u.status = 'ACTIVE'
         LEFT JOIN user_organization uo ON uo.user_id = u.id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
        GROUP BY u.id`,
      [sessionId, userId],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return { viewer: this.toViewer(r), mustChangePassword: r.must_change_password };
  }

  private toViewer(r: ViewerRow): Viewer {
    switch (r.role) {
      case UserRole.ADMIN:
        return { kind: 'ADMIN', userId: r.user_id, municipalityId: r.municipality_id };
      case UserRole.COORDINATOR:
        return {
          kind: 'COORDINATOR',
          userId: r.user_id,
          municipalityId: r.municipality_id,
          teamId: r.team_id,
          areaIds: r.area_ids,
        };
      case UserRole.HOST:
        return {
          kind: 'HOST',
          userId: r.user_id,
          municipalityId: r.municipality_id,
          organizationIds: r.organization_ids,
        };
    }
  }

  async revoke(id: string, reason: string, em?: EntityManager): Promise<void> {
    await this.repo(em).update(
      { id, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  async revokeAllOf(userId: string, reason: string, em?: EntityManager): Promise<void> {
    await this.repo(em).update(
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }
}
