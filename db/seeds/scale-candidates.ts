import {
  CANDIDATE_FIELDS,
  CandidateProfile,
  coarsen,
  Goal,
  PaceStage,
  SupportPhase,
  TravelMode,
} from '@app/candidate';
import { GroupSize, PhysicalDemand } from '@app/catalog';
import { DISPLAY_NAME_FIELD, EMAIL_FIELD, UserRole } from '@app/identity';
import type { FieldCipher } from '@app/common';
import type { DataSource } from 'typeorm';
import { seededRandom } from './random';
import { SCALE_CITY } from './scale';

const CHUNK = 2000;
const COORDINATOR_EMAIL = 'csw@bench.example.jp';
/** Stages as a caseload might hold them: most people in the early steps. */
const STAGES: [PaceStage, number][] = [
  [PaceStage.NOT_YET_OUT, 0.15],
  [PaceStage.JUST_BEING_THERE, 0.25],
  [PaceStage.SHORT_TASKS, 0.25],
  [PaceStage.REGULAR_ACTIVITY, 0.2],
  [PaceStage.NEAR_WORK, 0.15],
];
const INTERESTS = [
  'CONVERSATION',
  'LIGHT_WORK',
  'ENVIRONMENT',
  'CLEANING',
  'IT',
  'COOKING',
  'FOOD',
  'READING',
  'HANDICRAFT',
  'COFFEE',
  'GARDENING',
  'FARMING',
  'ANIMALS',
  'SMARTPHONE',
  'CHILDREN',
  'TUTORING',
];
const STRENGTHS = ['草むしり', '袋詰め', 'パソコン', '料理', '掃除', '絵を描く', '読書', '力仕事'];
const STARTS = ['09:00', '10:00', '13:00', '14:00', '16:00', '19:00'];

export interface ScaleCandidates {
  municipalityId: string;
  teamId: string;
  coordinatorId: string;
  candidates: number;
}

/** One person's profile for the benchmark city: a stage, its limits, a home, 1–3 weekly windows. */
function scaleProfile(random: () => number): CandidateProfile {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  let r = random();
  const stage = STAGES.find(([, share]) => (r -= share) < 0)?.[0] ?? PaceStage.SHORT_TASKS;
  const level = STAGES.findIndex(([s]) => s === stage);
  const online = stage === PaceStage.NOT_YET_OUT;
  const quiet = level <= 1 && random() < 0.5;
  const days = [
    ...new Set(
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 7)),
    ),
  ];
  const start = pick(STARTS);
  const hours = 2 + Math.floor(random() * 3);
  const end = `${String(Number(start.slice(0, 2)) + hours).padStart(2, '0')}:00`;
  const { bbox } = SCALE_CITY;
  return {
    paceStage: stage,
    supportPhase: online ? SupportPhase.BEFORE_PLAN : SupportPhase.WITH_PLAN,
    goals: [level <= 1 ? Goal.PLACE_TO_BE : level === 4 ? Goal.WORK : Goal.ROLE],
    interests: [...new Set([pick(INTERESTS), pick(INTERESTS), pick(INTERESTS)])],
    strengths: [pick(STRENGTHS)],
    birthYear: 1960 + Math.floor(random() * 45),
    resident: true,
    limits: {
      maxSessionMinutes: [60, 90, 120, 180, 240][level],
      sessionsPerWeek: Math.min(days.length, 1 + level),
      needsQuiet: quiet,
      talkingOptional: level <= 1,
      wantsSupporter: level === 1 && random() < 0.5,
      wantsObservationFirst: level <= 1,
    },
    availability: days.map((weekday) => ({ weekday, from: start, to: end })),
    travel: online
      ? { mode: TravelMode.WALK, minutes: null, meters: null }
      : level <= 2
        ? { mode: TravelMode.WALK, minutes: 15 + Math.floor(random() * 4) * 5, meters: null }
        : {
            mode: pick([TravelMode.BICYCLE, TravelMode.TRANSIT]),
            minutes: 15 + Math.floor(random() * 4) * 5,
            meters: null,
          },
    home: coarsen({
      latitude: bbox.south + random() * (bbox.north - bbox.south),
      longitude: bbox.west + random() * (bbox.east - bbox.west),
    }),
    constraints: {
      maxPhysicalDemand: level >= 3 ? PhysicalDemand.HIGH : PhysicalDemand.MODERATE,
      groupSizes: quiet ? [GroupSize.ONE_ON_ONE, GroupSize.SMALL] : null,
      avoidCrowds: quiet,
      onlineOnly: online,
      maxFeeYen: random() < 0.7 ? 500 : null,
    },
  };
}

/**
 * Pseudonymous candidates for the benchmark city (after `seedScale` made it), up to `count`, all
 * in one team with one coordinator, their profiles encrypted as real ones are. Deterministic.
 */
export async function seedScaleCandidates(
  dataSource: DataSource,
  cipher: FieldCipher,
  count: number,
  progress: (done: number) => void = () => undefined,
): Promise<ScaleCandidates> {
  const [city] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM municipality WHERE code = $1',
    [SCALE_CITY.code],
  );
  if (!city) throw new Error(`${SCALE_CITY.name} does not exist yet: seed its resources first`);
  const municipalityId = city.id;
  const { teamId, coordinatorId } = await dataSource.transaction(async (em) => {
    const [found] = await em.query<{ id: string; team_id: string }[]>(
      'SELECT id, team_id FROM app_user WHERE email_hash = $1',
      [cipher.lookupHash(COORDINATOR_EMAIL, EMAIL_FIELD)],
    );
    if (found) return { teamId: found.team_id, coordinatorId: found.id };
    const [team] = await em.query<{ id: string }[]>(
      `INSERT INTO team (municipality_id, name) VALUES ($1, 'ベンチ調整チーム') RETURNING id`,
      [municipalityId],
    );
    const [user] = await em.query<{ id: string }[]>(
      `INSERT INTO app_user (municipality_id, role, email_hash, email_encrypted, display_name_encrypted,
                             password_hash, team_id, area_ids, status)
       VALUES ($1, $2, $3, $4, $5, '!', $6, '{}', 'DISABLED') RETURNING id`,
      [
        municipalityId,
        UserRole.COORDINATOR,
        cipher.lookupHash(COORDINATOR_EMAIL, EMAIL_FIELD),
        cipher.encrypt(COORDINATOR_EMAIL, EMAIL_FIELD),
        cipher.encrypt('ベンチ用コーディネーター', DISPLAY_NAME_FIELD),
        team.id,
      ],
    );
    return { teamId: team.id, coordinatorId: user.id };
  });
  const [{ existing }] = await dataSource.query<{ existing: number }[]>(
    'SELECT count(*)::int AS existing FROM candidate WHERE team_id = $1',
    [teamId],
  );
  const random = seededRandom(existing + 1);
  for (let done = existing; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    const aliases = Array.from({ length: n }, (_, k) => `候補者${done + k + 1}`);
    const profiles = aliases.map(() =>
      cipher.encrypt(JSON.stringify(scaleProfile(random)), CANDIDATE_FIELDS.profile),
    );
    await dataSource.query(
      `INSERT INTO candidate (municipality_id, team_id, coordinator_id, alias, profile_encrypted)
       SELECT $1, $2, $3, a, p FROM unnest($4::text[], $5::text[]) AS u(a, p)`,
      [municipalityId, teamId, coordinatorId, aliases, profiles],
    );
    progress(done + n);
  }
  return { municipalityId, teamId, coordinatorId, candidates: Math.max(existing, count) };
}
