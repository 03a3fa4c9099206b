import type { CandidateProfile } from '@app/candidate';
import type { FieldCipher } from '@app/common';
import { disclosureOf, ReferralStatus as S } from '@app/referral';
import { addDays, addMonths, format } from 'date-fns';
import type { EntityManager } from 'typeorm';

export interface DemoReferralPeople {
  municipalityId: string;
  teamId: string;
  coordinatorId: string;
  hostId: string;
  organizationId: string;
  candidates: { id: string; alias: string; profile: CandidateProfile }[];
}

/** How each demo referral got where it is: its steps, and what each state needs. */
const STORIES: { path: S[]; extra?: Record<string, string>; reason?: string }[] = [
  { path: [S.DRAFT] },
  { path: [S.DRAFT, S.SENT] },
  { path: [S.DRAFT, S.SENT, S.ACCEPTED] },
  {
    path: [S.DRAFT, S.SENT, S.DECLINED],
    extra: { decline_reason: 'TIMING' },
    reason: '時期が合わない',
  },
  { path: [S.DRAFT, S.SENT, S.WAITLISTED] },
  { path: [S.DRAFT, S.SENT, S.ACCEPTED, S.VISIT_SCHEDULED] },
  { path: [S.DRAFT, S.SENT, S.ACCEPTED, S.VISIT_SCHEDULED, S.PARTICIPATING] },
  { path: [S.DRAFT, S.SENT, S.ACCEPTED, S.PARTICIPATING, S.PAUSED] },
  {
    path: [S.DRAFT, S.SENT, S.ACCEPTED, S.PARTICIPATING, S.ENDED],
    extra: { end_reason: 'HAS_PEOPLE_AROUND' },
    reason: '身近に頼れる人ができ、困ったときの連絡先もわかっている',
  },
  { path: [S.DRAFT, S.SENT, S.WITHDRAWN] },
  { path: [S.DRAFT, S.SENT, S.ACCEPTED, S.PARTICIPATING, S.STEPPED_UP] },
];
const SEATED: readonly S[] = [S.ACCEPTED, S.VISIT_SCHEDULED, S.PARTICIPATING, S.PAUSED];
const BY_HOST: readonly S[] = [S.ACCEPTED, S.DECLINED, S.WAITLISTED, S.PAUSED];

/**
 * Referrals of the demo city's candidates to the demo host's listings, one in every state (and
 * the next referral of the one who stepped up), each with its history; the one taking part has a
 * participation log and follow-ups. Seats are taken as the states say; the waitlisted one waits
 * at a full listing that keeps a waitlist.
 */
export async function seedDemoReferrals(
  em: EntityManager,
  people: DemoReferralPeople,
  cipher: FieldCipher,
  today = new Date(),
): Promise<number> {
  const { municipalityId: m, teamId, coordinatorId, hostId, organizationId } = people;
  const listings = await em.query<
    { id: string; capacity: number | null; seats_taken: number; has_waitlist: boolean }[]
  >(
    `SELECT id, capacity, seats_taken, has_waitlist FROM resource
      WHERE organization_id = $1 AND status = 'ACTIVE' ORDER BY name, id`,
    [organizationId],
  );
  const roomy = listings.filter((l) => l.capacity === null || l.seats_taken < l.capacity - 2);
  const waiting = listings.find((l) => l.has_waitlist) ?? listings[0];
  const day = (n: number) => addDays(today, n);
  let count = 0;

  const refer = async (
    candidate: DemoReferralPeople['candidates'][number],
    story: (typeof STORIES)[number],
    listingId: string,
    startDaysAgo: number,
  ): Promise<string> => {
    const status = story.path.at(-1)!;
    const seated = SEATED.includes(status);
    await em.query(
      `INSERT INTO consent (municipality_id, candidate_id, scopes, method, given_at, recorded_by)
       SELECT $1, $2, '{HOST:PROFILE,HOST:NAME}', 'WRITTEN', $3, $4
        WHERE NOT EXISTS (SELECT 1 FROM consent WHERE candidate_id = $2)`,
      [m, candidate.id, day(-startDaysAgo - 1), coordinatorId],
    );
    const disclosure = {
      ...(status === S.DRAFT
        ? { pace: null, accommodations: [] }
        : disclosureOf(candidate.profile)),
      message: 'はじめは見学から。静かな席があると安心です。',
    };
    const [{ id }] = await em.query<{ id: string }[]>(
      `INSERT INTO referral (municipality_id, candidate_id, resource_id, organization_id, team_id,
         coordinator_id, status, proposed_window, disclosure_encrypted, holds_seat, waitlisted_at,
         visit_at, decline_reason, end_reason, sent_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '平日の午後', $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING id`,
      [
        m,
        candidate.id,
        listingId,
        organizationId,
        teamId,
        coordinatorId,
        status,
        cipher.encrypt(JSON.stringify(disclosure), 'referral.disclosure'),
        seated,
        status === S.WAITLISTED ? day(-startDaysAgo + 4) : null,
        status === S.VISIT_SCHEDULED ? day(5) : null,
        story.extra?.decline_reason ?? null,
        story.extra?.end_reason ?? null,
        story.path.includes(S.SENT) ? day(-startDaysAgo + 2) : null,
        day(-startDaysAgo),
      ],
    );
    for (const [i, to] of story.path.entries())
      await em.query(
        `INSERT INTO referral_event (municipality_id, referral_id, from_status, to_status, actor_id, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          m,
          id,
          i === 0 ? null : story.path[i - 1],
          to,
          BY_HOST.includes(to) ? hostId : coordinatorId,
          i === story.path.length - 1 ? (story.reason ?? null) : null,
          day(-startDaysAgo + 2 * i),
        ],
      );
    if (seated)
      await em.query('UPDATE resource SET seats_taken = seats_taken + 1 WHERE id = $1', [
        listingId,
      ]);
    count++;
    return id;
  };

  for (const [i, story] of STORIES.entries()) {
    const candidate = people.candidates[i];
    const status = story.path.at(-1)!;
    const listing =
      status === S.WAITLISTED
        ? waiting
        : (roomy[i % roomy.length] ?? listings[i % listings.length]);
    const id = await refer(candidate, story, listing.id, 60 - i * 3);
    if (status === S.STEPPED_UP) {
      // The step up: the same person, a listing that asks a little more, taking part there now.
      const next = await refer(
        candidate,
        { path: [S.DRAFT, S.SENT, S.ACCEPTED, S.PARTICIPATING] },
        roomy[(i + 1) % roomy.length].id,
        20,
      );
      await em.query('UPDATE referral SET next_referral_id = $2 WHERE id = $1', [id, next]);
    }
    if (status === S.PARTICIPATING) {
      const first = day(-40);
      for (const [n, minutes] of [60, 60, 90].entries())
        await em.query(
          `INSERT INTO participation_entry (municipality_id, referral_id, kind, on_date, minutes, supporter_came, recorded_by)
           VALUES ($1, $2, 'VISIT', $3, $4, $5, $6)`,
          [m, id, format(addDays(first, 7 * n), 'yyyy-MM-dd'), minutes, n === 0, hostId],
        );
      await em.query(
        `INSERT INTO participation_entry (municipality_id, referral_id, kind, on_date, from_minutes, to_minutes, recorded_by)
         VALUES ($1, $2, 'STEP_UP', $3, 60, 90, $4)`,
        [m, id, format(addDays(first, 14), 'yyyy-MM-dd'), hostId],
      );
      await em.query(
        `INSERT INTO participation_entry (municipality_id, referral_id, kind, on_date, feeling, note_encrypted, recorded_by)
         VALUES ($1, $2, 'SELF_ASSESSMENT', $3, 3, $4, $5)`,
        [
          m,
          id,
          format(addDays(first, 20), 'yyyy-MM-dd'),
          cipher.encrypt('顔を覚えてもらえてうれしい', 'participation_entry.note'),
          coordinatorId,
        ],
      );
      const anchor = format(addDays(first, 7), 'yyyy-MM-dd');
      await em.query(
        `INSERT INTO follow_up (municipality_id, referral_id, team_id, kind, due_on, anchor_on, sequence, done_at, done_by)
         VALUES ($1, $2, $3, 'CHECK_IN', $4, $4, 0, $5, $6),
                ($1, $2, $3, 'CHECK_IN', $7, $4, 1, NULL, NULL)`,
        [
          m,
          id,
          teamId,
          anchor,
          addDays(first, 8),
          coordinatorId,
          format(addMonths(addDays(first, 7), 1), 'yyyy-MM-dd'),
        ],
      );
    }
  }
  return count;
}
