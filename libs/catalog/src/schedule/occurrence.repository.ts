import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface Occurrence {
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  /** The rule it came from, or null for a one-off session. */
  scheduleId: string | null;
  sessionId: string | null;
}

/** Occurrences come from the SQL function resource_occurrences(), the one home of the rules. */
@Injectable()
export class OccurrenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async between(
    resourceIds: readonly string[] | null,
    from: Date,
    to: Date,
    em?: EntityManager,
  ): Promise<Occurrence[]> {
    const rows = await (em ?? this.dataSource.manager).query<
      {
        resource_id: string;
        starts_at: Date;
        ends_at: Date;
        schedule_id: string | null;
        session_id: string | null;
      }[]
    >(
      `SELECT resource_id, starts_at, ends_at, schedule_id, session_id
         FROM resource_occurrences($1::uuid[], $2, $3)
        ORDER BY resource_id, starts_at`,
      [resourceIds, from, to],
    );
    return rows.map((r) => ({
      resourceId: r.resource_id,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      scheduleId: r.schedule_id,
      sessionId: r.session_id,
    }));
  }
}
