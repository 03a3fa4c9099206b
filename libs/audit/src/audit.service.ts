import { BadUserInputException, Page, RequestContext } from '@app/common';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction, AuditLogEntity } from './audit.entity';
import { AuditQuery, AuditRepository } from './audit.repository';

export interface AuditEvent {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  /** The person the record is about (a candidate). */
  subjectId?: string | null;
  /** Why: the caller's stated purpose, else the operation's own. */
  purpose: string;
}

const MAX_PURPOSE = 200;

/**
 * The audit log of person-level data: every read and write of it is recorded here, in the same
 * transaction as the work (when the work rolls back, so does its record; a read is recorded before
 * its data is returned).
 */
@Injectable()
export class AuditService {
  constructor(private readonly entries: AuditRepository) {}

  /** Records events for the signed-in viewer; one statement however many events. */
  async record(events: AuditEvent | AuditEvent[], em?: EntityManager): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (!list.length) return;
    const viewer = RequestContext.signedIn();
    const requestId = RequestContext.current()?.requestId ?? null;
    await this.entries.append(
      list.map((e) => ({
        municipalityId: viewer.municipalityId,
        actorUserId: viewer.userId,
        actorRole: viewer.kind,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        subjectId: e.subjectId ?? null,
        purpose: e.purpose.slice(0, MAX_PURPOSE),
        requestId,
      })),
      em,
    );
  }

  /** Records what the platform itself did (a scheduled job): no actor. */
  async recordSystem(
    municipalityId: string,
    events: AuditEvent[],
    em?: EntityManager,
  ): Promise<void> {
    if (!events.length) return;
    await this.entries.append(
      events.map((e) => ({
        municipalityId,
        actorUserId: null,
        actorRole: 'SYSTEM',
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        subjectId: e.subjectId ?? null,
        purpose: e.purpose.slice(0, MAX_PURPOSE),
        requestId: null,
      })),
      em,
    );
  }

  /** Entries of the admin's municipality, by person, user and time range, oldest first. */
  search(q: Omit<AuditQuery, 'municipalityId'>): Promise<Page<AuditLogEntity>> {
    const viewer = RequestContext.signedIn();
    if (q.from && q.to && q.to <= q.from)
      throw BadUserInputException.field('to', '終了日時は開始日時より後にしてください');
    return this.entries.page({ ...q, municipalityId: viewer.municipalityId });
  }
}

/** The purpose a caller gave, trimmed, or the operation's own. */
export function purposeOf(given: string | null | undefined, fallback: string): string {
  const trimmed = given?.trim();
  return trimmed ? trimmed : fallback;
}
