import { EMAIL_FIELD, DISPLAY_NAME_FIELD, hashPassword, UserRole } from '@app/identity';
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
import { seededRandom } from '../random';
import { MIDORI_CITY } from './midori-city';
import { DemoReferralPeople, seedDemoReferrals } from './referrals';
import type { FieldCipher } from '@app/common';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface DemoAccount {
  role: UserRole;
  email: string;
  password: string;
  displayName: string;
}

const PEOPLE = [
  {
    role: UserRole.ADMIN,
    email: 'admin@midori.example.jp',
    displayName: '市役所 福祉政策課（デモ）',
  },
  {
    role: UserRole.COORDINATOR,
    email: 'csw@midori.example.jp',
    displayName: '社協 地域福祉コーディネーター（デモ）',
  },
  {
    role: UserRole.HOST,
    email: 'host@midori.example.jp',
    displayName: '受け入れ先の担当者（デモ）',
  },
];

/**
 * Fictional people in participation support: Aさん and Bさん from the stories in DOMAIN.md and
 * eighteen more, four at each pace stage, with the profile matching reads.
 */
interface DemoCandidate {
  alias: string;
  notes: string;
  stage: PaceStage;
  minutes: number;
  interests: string[];
  strengths: string[];
  days: number[];
  from: string;
  to: string;
  quiet?: boolean;
  goals: Goal[];
}
const CANDIDATES: DemoCandidate[] = [
  {
    alias: 'Aさん',
    notes: '10年ほど自宅で過ごしている。人の多い場所は苦手。まずは見学から。',
    stage: PaceStage.JUST_BEING_THERE,
    minutes: 60,
    interests: ['COFFEE', 'ANIMALS'],
    strengths: ['絵を描く'],
    days: [2],
    from: '13:00',
    to: '16:00',
    quiet: true,
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Bさん',
    notes: '80代の母親と二人暮らし。短い時間の作業なら関心がある。',
    stage: PaceStage.SHORT_TASKS,
    minutes: 120,
    interests: ['FARMING', 'CLEANING'],
    strengths: ['草むしり', '力仕事'],
    days: [2, 4],
    from: '09:00',
    to: '12:00',
    goals: [Goal.ROLE],
  },
  {
    alias: 'Cさん',
    notes: '家族の介護をしながら通学している。週1回、夕方なら出られる。',
    stage: PaceStage.REGULAR_ACTIVITY,
    minutes: 120,
    interests: ['TUTORING', 'CHILDREN'],
    strengths: ['勉強を教える'],
    days: [3],
    from: '16:00',
    to: '19:00',
    goals: [Goal.ROLE],
  },
  {
    alias: 'Dさん',
    notes: 'オンラインでなら人と話せる。',
    stage: PaceStage.NOT_YET_OUT,
    minutes: 60,
    interests: ['IT', 'PHOTOGRAPHY'],
    strengths: ['パソコン'],
    days: [1, 3, 5],
    from: '19:00',
    to: '21:00',
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Eさん',
    notes: '昼夜逆転が続いている。夜なら画面越しに参加できる。',
    stage: PaceStage.NOT_YET_OUT,
    minutes: 30,
    interests: ['SMARTPHONE'],
    strengths: ['ゲーム'],
    days: [6],
    from: '20:00',
    to: '22:00',
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Fさん',
    notes: '外出は家族の付き添いがあれば。',
    stage: PaceStage.NOT_YET_OUT,
    minutes: 45,
    interests: ['HANDICRAFT'],
    strengths: ['編み物'],
    days: [2, 4],
    from: '10:00',
    to: '12:00',
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Gさん',
    notes: '以前は会社員。人と話すのに疲れやすい。',
    stage: PaceStage.NOT_YET_OUT,
    minutes: 60,
    interests: ['IT'],
    strengths: ['表計算'],
    days: [1, 2, 3, 4, 5],
    from: '14:00',
    to: '16:00',
    goals: [Goal.WORK],
  },
  {
    alias: 'Hさん',
    notes: '図書館には行ける。',
    stage: PaceStage.JUST_BEING_THERE,
    minutes: 90,
    interests: ['HANDICRAFT', 'COFFEE'],
    strengths: ['読書'],
    days: [3, 6],
    from: '10:00',
    to: '15:00',
    quiet: true,
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Iさん',
    notes: '動物が好き。',
    stage: PaceStage.JUST_BEING_THERE,
    minutes: 60,
    interests: ['ANIMALS'],
    strengths: ['動物の世話'],
    days: [1, 5],
    from: '13:00',
    to: '17:00',
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Jさん',
    notes: '同年代の集まりなら。',
    stage: PaceStage.JUST_BEING_THERE,
    minutes: 120,
    interests: ['INTERGENERATIONAL', 'COOKING'],
    strengths: ['料理'],
    days: [7],
    from: '11:00',
    to: '15:00',
    goals: [Goal.PLACE_TO_BE],
  },
  {
    alias: 'Kさん',
    notes: '決まった作業だと安心できる。',
    stage: PaceStage.SHORT_TASKS,
    minutes: 90,
    interests: ['SALES', 'COOKING'],
    strengths: ['袋詰め'],
    days: [1, 3],
    from: '09:00',
    to: '12:00',
    goals: [Goal.ROLE],
  },
  {
    alias: 'Lさん',
    notes: '体力に自信がない。座ってできる作業を希望。',
    stage: PaceStage.SHORT_TASKS,
    minutes: 60,
    interests: ['HANDICRAFT'],
    strengths: ['細かい作業'],
    days: [2, 5],
    from: '13:00',
    to: '15:00',
    quiet: true,
    goals: [Goal.ROLE],
  },
  {
    alias: 'Mさん',
    notes: '朝の清掃なら参加したい。',
    stage: PaceStage.SHORT_TASKS,
    minutes: 60,
    interests: ['CLEANING', 'DISASTER_PREVENTION'],
    strengths: ['早起き'],
    days: [6, 7],
    from: '07:00',
    to: '10:00',
    goals: [Goal.ROLE],
  },
  {
    alias: 'Nさん',
    notes: '子どもと関わる活動に関心。',
    stage: PaceStage.REGULAR_ACTIVITY,
    minutes: 180,
    interests: ['CHILDREN', 'COOKING'],
    strengths: ['料理', '子守り'],
    days: [3, 6],
    from: '15:00',
    to: '19:00',
    goals: [Goal.ROLE],
  },
  {
    alias: 'Oさん',
    notes: '写真の腕を活かしたい。',
    stage: PaceStage.REGULAR_ACTIVITY,
    minutes: 180,
    interests: ['PHOTOGRAPHY', 'IT'],
    strengths: ['写真', 'SNS'],
    days: [4, 6],
    from: '10:00',
    to: '16:00',
    goals: [Goal.ROLE, Goal.WORK],
  },
  {
    alias: 'Pさん',
    notes: '地域の防災に関わりたい。',
    stage: PaceStage.REGULAR_ACTIVITY,
    minutes: 150,
    interests: ['DISASTER_PREVENTION', 'INTERGENERATIONAL'],
    strengths: ['人の話を聞く'],
    days: [7],
    from: '09:00',
    to: '12:00',
    goals: [Goal.ROLE],
  },
  {
    alias: 'Qさん',
    notes: '週3日、短時間の就労を目指している。',
    stage: PaceStage.NEAR_WORK,
    minutes: 240,
    interests: ['SALES', 'CLEANING'],
    strengths: ['接客', 'レジ'],
    days: [1, 3, 5],
    from: '09:00',
    to: '15:00',
    goals: [Goal.WORK],
  },
  {
    alias: 'Rさん',
    notes: '農業の仕事に就きたい。',
    stage: PaceStage.NEAR_WORK,
    minutes: 300,
    interests: ['FARMING'],
    strengths: ['運転', '力仕事'],
    days: [1, 2, 4, 5],
    from: '08:00',
    to: '14:00',
    goals: [Goal.WORK],
  },
  {
    alias: 'Sさん',
    notes: '事務の経験を取り戻したい。',
    stage: PaceStage.NEAR_WORK,
    minutes: 240,
    interests: ['IT'],
    strengths: ['表計算', '文書作成'],
    days: [2, 3, 4],
    from: '10:00',
    to: '16:00',
    goals: [Goal.WORK],
  },
  {
    alias: 'Tさん',
    notes: '調理の現場に戻りたい。',
    stage: PaceStage.NEAR_WORK,
    minutes: 240,
    interests: ['COOKING', 'SALES'],
    strengths: ['調理師免許'],
    days: [2, 5, 6],
    from: '10:00',
    to: '15:00',
    goals: [Goal.WORK],
  },
];

/** A demo profile: the stage's limits, a coarse home inside みどり市, travel by the stage. */
function demoProfile(c: DemoCandidate, random: () => number): CandidateProfile {
  const online = c.stage === PaceStage.NOT_YET_OUT;
  return {
    paceStage: c.stage,
    supportPhase:
      c.stage === PaceStage.NOT_YET_OUT ? SupportPhase.BEFORE_PLAN : SupportPhase.WITH_PLAN,
    goals: c.goals,
    interests: c.interests,
    strengths: c.strengths,
    birthYear: 1965 + Math.floor(random() * 40),
    resident: true,
    limits: {
      maxSessionMinutes: c.minutes,
      sessionsPerWeek: Math.min(c.days.length, 3),
      needsQuiet: c.quiet ?? false,
      talkingOptional: c.stage === PaceStage.JUST_BEING_THERE || (c.quiet ?? false),
      wantsSupporter: c.stage === PaceStage.JUST_BEING_THERE,
      wantsObservationFirst: c.stage === PaceStage.JUST_BEING_THERE,
    },
    availability: c.days.map((weekday) => ({ weekday, from: c.from, to: c.to })),
    travel: online
      ? { mode: TravelMode.WALK, minutes: null, meters: null }
      : {
          mode: c.stage === PaceStage.NEAR_WORK ? TravelMode.TRANSIT : TravelMode.WALK,
          minutes: 20 + Math.floor(random() * 3) * 10,
          meters: null,
        },
    home: coarsen({
      latitude:
        MIDORI_CITY.bbox.south + random() * (MIDORI_CITY.bbox.north - MIDORI_CITY.bbox.south),
      longitude: MIDORI_CITY.bbox.west + random() * (MIDORI_CITY.bbox.east - MIDORI_CITY.bbox.west),
    }),
    constraints: {
      maxPhysicalDemand:
        c.stage === PaceStage.NEAR_WORK ? PhysicalDemand.HIGH : PhysicalDemand.MODERATE,
      groupSizes: c.quiet ? [GroupSize.ONE_ON_ONE, GroupSize.SMALL] : null,
      avoidCrowds: c.quiet ?? false,
      onlineOnly: online,
      maxFeeYen: 500,
    },
  };
}

/**
 * One user of each role for the demo city, a team with the coordinator in it, twenty
 * pseudonymous candidates across every pace stage, with notes and profiles (encrypted like real
 * ones), and referrals of them to the host's listings in every state (referrals.ts). Passwords are random, made once,
 * and returned so that `npm start` can show them in demo mode. Nothing is added when the city
 * already has users.
 */
export async function seedDemoAccounts(
  dataSource: DataSource,
  municipalityId: string,
  cipher: FieldCipher,
): Promise<DemoAccount[]> {
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    'SELECT count(*)::int AS count FROM app_user WHERE municipality_id = $1',
    [municipalityId],
  );
  if (count > 0) return [];
  const accounts = PEOPLE.map((p) => ({ ...p, password: randomBytes(12).toString('base64url') }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  await dataSource.transaction(async (em) => {
    const [{ id: teamId }] = await em.query<{ id: string }[]>(
      `INSERT INTO team (municipality_id, name) VALUES ($1, '中央地域チーム') RETURNING id`,
      [municipalityId],
    );
    const [area] = await em.query<{ id: string }[]>(
      `SELECT id FROM area WHERE municipality_id = $1 AND level = 'DAILY_LIFE_AREA' ORDER BY name LIMIT 1`,
      [municipalityId],
    );
    const [organization] = await em.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE municipality_id = $1 ORDER BY name LIMIT 1`,
      [municipalityId],
    );
    const ids: Record<string, string> = {};
    for (const [i, a] of accounts.entries()) {
      const coordinator = a.role === UserRole.COORDINATOR;
      const [{ id }] = await em.query<{ id: string }[]>(
        `INSERT INTO app_user (municipality_id, role, email_hash, email_encrypted, display_name_encrypted,
                               password_hash, team_id, area_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          municipalityId,
          a.role,
          cipher.lookupHash(a.email, EMAIL_FIELD),
          cipher.encrypt(a.email, EMAIL_FIELD),
          cipher.encrypt(a.displayName, DISPLAY_NAME_FIELD),
          hashes[i],
          coordinator ? teamId : null,
          coordinator && area ? [area.id] : [],
        ],
      );
      ids[a.role] = id;
      if (a.role === UserRole.HOST && organization)
        await em.query(
          `INSERT INTO user_organization (user_id, organization_id, municipality_id) VALUES ($1, $2, $3)`,
          [id, organization.id, municipalityId],
        );
    }
    const random = seededRandom(20261123);
    const candidates: DemoReferralPeople['candidates'] = [];
    for (const c of CANDIDATES) {
      const profile = demoProfile(c, random);
      const [{ id }] = await em.query<{ id: string }[]>(
        `INSERT INTO candidate (municipality_id, team_id, coordinator_id, alias, notes_encrypted, profile_encrypted, area_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          municipalityId,
          teamId,
          ids[UserRole.COORDINATOR],
          c.alias,
          cipher.encrypt(c.notes, CANDIDATE_FIELDS.notes),
          cipher.encrypt(JSON.stringify(profile), CANDIDATE_FIELDS.profile),
          area?.id ?? null,
        ],
      );
      candidates.push({ id, alias: c.alias, profile });
    }
    if (organization)
      await seedDemoReferrals(
        em,
        {
          municipalityId,
          teamId,
          coordinatorId: ids[UserRole.COORDINATOR],
          hostId: ids[UserRole.HOST],
          organizationId: organization.id,
          candidates,
        },
        cipher,
      );
  });
  return accounts;
}
