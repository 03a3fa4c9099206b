import { ReferralStatus as S } from './referral.entities';
import { Actor, allMoves, refusal, STATUS_LABELS } from './referral-rules';

const ACTORS: Actor[] = ['COORDINATOR', 'HOST', 'SYSTEM'];
const key = (from: S, to: S, by: Actor) => `${from}>${to}@${by}`;

/** The lifecycle as the issue draws it, written out by hand: every legal move and its actors. */
const LEGAL = new Set(
  (
    [
      ['DRAFT', 'SENT', 'COORDINATOR'],
      ['SENT', 'ACCEPTED', 'HOST'],
      ['SENT', 'ACCEPTED', 'SYSTEM'],
      ['WAITLISTED', 'ACCEPTED', 'HOST'],
      ['WAITLISTED', 'ACCEPTED', 'SYSTEM'],
      ['SENT', 'WAITLISTED', 'HOST'],
      ['SENT', 'DECLINED', 'HOST'],
      ['WAITLISTED', 'DECLINED', 'HOST'],
      ['ACCEPTED', 'VISIT_SCHEDULED', 'COORDINATOR'],
      ['ACCEPTED', 'VISIT_SCHEDULED', 'HOST'],
      ['VISIT_SCHEDULED', 'VISIT_SCHEDULED', 'COORDINATOR'],
      ['VISIT_SCHEDULED', 'VISIT_SCHEDULED', 'HOST'],
      ['ACCEPTED', 'PARTICIPATING', 'COORDINATOR'],
      ['ACCEPTED', 'PARTICIPATING', 'HOST'],
      ['VISIT_SCHEDULED', 'PARTICIPATING', 'COORDINATOR'],
      ['VISIT_SCHEDULED', 'PARTICIPATING', 'HOST'],
      ['PAUSED', 'PARTICIPATING', 'COORDINATOR'],
      ['PAUSED', 'PARTICIPATING', 'HOST'],
      ['PARTICIPATING', 'PAUSED', 'COORDINATOR'],
      ['PARTICIPATING', 'PAUSED', 'HOST'],
      ['PARTICIPATING', 'STEPPED_UP', 'COORDINATOR'],
      ...(['ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED'] as const).map(
        (from) => [from, 'ENDED', 'COORDINATOR'] as const,
      ),
      ...(
        [
          'DRAFT',
          'SENT',
          'WAITLISTED',
          'ACCEPTED',
          'VISIT_SCHEDULED',
          'PARTICIPATING',
          'PAUSED',
        ] as const
      ).flatMap((from) => [
        [from, 'WITHDRAWN', 'COORDINATOR'] as const,
        [from, 'WITHDRAWN', 'SYSTEM'] as const,
      ]),
    ] as [S, S, Actor][]
  ).map(([from, to, by]) => key(from, to, by)),
);

describe('the referral lifecycle', () => {
  const all = Object.values(S).flatMap((from) =>
    Object.values(S).flatMap((to) => ACTORS.map((by): [S, S, Actor] => [from, to, by])),
  );

  it.each(all.filter(([f, t, b]) => LEGAL.has(key(f, t, b))))(
    'allows %s → %s by %s',
    (from, to, by) => {
      expect(refusal(from, to, by)).toBeNull();
    },
  );

  it.each(all.filter(([f, t, b]) => !LEGAL.has(key(f, t, b))))(
    'refuses %s → %s by %s, naming the current state',
    (from, to, by) => {
      const reason = refusal(from, to, by);
      expect(reason).not.toBeNull();
      // A move the state allows to someone else names who may not; any other names the state.
      if (!allMoves().some(([f, t]) => f === from && t === to))
        expect(reason).toContain(`現在「${STATUS_LABELS[from]}」`);
    },
  );

  it('has no way out of a closed referral', () => {
    for (const closed of [S.DECLINED, S.STEPPED_UP, S.ENDED, S.WITHDRAWN])
      expect(allMoves().filter(([from]) => from === closed)).toEqual([]);
  });

  it('the table of moves is exactly the lifecycle above', () => {
    expect(new Set(allMoves().map(([f, t, b]) => key(f, t, b)))).toEqual(LEGAL);
  });
});
