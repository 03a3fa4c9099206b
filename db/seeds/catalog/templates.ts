import {
  BookingRequirement,
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ScheduleFrequency,
  Visibility,
} from '@app/catalog';
import { OrganizationType } from '@app/organization';

export interface ScheduleShape {
  freq: ScheduleFrequency;
  weekdays: number[];
  nth?: number[];
  interval?: number;
  opensAt: string;
  closesAt: string;
  closedOnHolidays?: boolean;
  note: string;
}

/** A kind of place or activity found in Japanese participation support (see DOMAIN.md). */
export interface ResourceTemplate {
  kind: ResourceKind;
  /** `{town}` is the district's town name, `{org}` the host organisation's name. */
  name: string;
  description: string;
  hosts: OrganizationType[];
  themes: string[];
  schedules: ScheduleShape[];
  /** One-off sessions instead of (or besides) rules: month/day pairs in the coming year. */
  sessions?: { monthDays: [number, number][]; opensAt: string; closesAt: string; note: string };
  capacity: number | null;
  booking?: BookingRequirement;
  fee?: { yen: number; note?: string };
  profile: Partial<{
    typicalMinutes: number;
    minimumMinutes: number;
    canGrowGradually: boolean;
    mayJustBeThere: boolean;
    talkingOptional: boolean;
    observationVisit: boolean;
    supporterMayAccompany: boolean;
    groupSize: GroupSize;
    physicalDemand: PhysicalDemand;
    onlineParticipation: boolean;
    firstTimerFriendly: boolean;
  }>;
  eligibility?: {
    minAge?: number;
    maxAge?: number;
    residency?: Residency;
    targetGroups?: string[];
    sensitive?: boolean;
  };
  details?: Record<string, unknown>;
  visibility?: Visibility;
  confidential?: boolean;
  tags?: string[];
}

const K = ResourceKind;
const O = OrganizationType;
const W = ScheduleFrequency.WEEKLY;
const M = ScheduleFrequency.MONTHLY;

export const TEMPLATES: ResourceTemplate[] = [
  // 居場所
  {
    kind: K.IBASHO,
    name: '{town}ふれあいサロン',
    description: '孤立を防ぐためのサロン。お茶を飲みながら気軽におしゃべりできます。',
    hosts: [O.RESIDENTS_GROUP, O.NEIGHBORHOOD_ASSOCIATION],
    themes: ['CONVERSATION', 'ELDERLY'],
    schedules: [
      {
        freq: W,
        weekdays: [4],
        opensAt: '13:30',
        closesAt: '15:30',
        note: '毎週木曜 13:30〜15:30',
      },
    ],
    capacity: 20,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 30,
      mayJustBeThere: true,
      talkingOptional: true,
      observationVisit: true,
      groupSize: GroupSize.MEDIUM,
      physicalDemand: PhysicalDemand.LOW,
      firstTimerFriendly: true,
    },
    fee: { yen: 100, note: 'お茶代100円' },
    details: { dropIn: true },
  },
  {
    kind: K.IBASHO,
    name: 'つどい～の {town}',
    description: '誰でも来られる常設の居場所。イベントはなく、お茶を飲みに来るだけの日もあります。',
    hosts: [O.RESIDENTS_GROUP, O.NPO],
    themes: ['CONVERSATION', 'INTERGENERATIONAL'],
    schedules: [
      {
        freq: W,
        weekdays: [1, 2, 3, 4, 5],
        opensAt: '10:00',
        closesAt: '16:00',
        note: '平日 10時〜16時',
      },
    ],
    capacity: null,
    profile: {
      typicalMinutes: 60,
      minimumMinutes: 10,
      mayJustBeThere: true,
      talkingOptional: true,
      observationVisit: true,
      supporterMayAccompany: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.LOW,
      firstTimerFriendly: true,
    },
    details: { dropIn: true },
    tags: ['出入り自由'],
  },
  {
    kind: K.IBASHO,
    name: 'なごみの家 {town}',
    description: '住民が運営する多機能の居場所。相談も、ただ座っているだけでも大丈夫です。',
    hosts: [O.SOCIAL_WELFARE_COUNCIL, O.RESIDENTS_GROUP],
    themes: ['CONVERSATION', 'CONSULTATION', 'INTERGENERATIONAL'],
    schedules: [
      {
        freq: W,
        weekdays: [1, 3, 5],
        opensAt: '10:00',
        closesAt: '15:00',
        note: '月・水・金 10時〜15時',
      },
    ],
    capacity: 15,
    profile: {
      typicalMinutes: 90,
      minimumMinutes: 15,
      mayJustBeThere: true,
      talkingOptional: true,
      observationVisit: true,
      supporterMayAccompany: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.LOW,
      firstTimerFriendly: true,
    },
    details: { dropIn: true },
  },
  {
    kind: K.IBASHO,
    name: 'かよいの場 {town}',
    description: '介護予防の体操とおしゃべりの通いの場。',
    hosts: [O.RESIDENTS_GROUP, O.SOCIAL_WELFARE_COUNCIL],
    themes: ['EXERCISE', 'ELDERLY'],
    schedules: [
      {
        freq: W,
        weekdays: [2],
        opensAt: '10:00',
        closesAt: '11:30',
        note: '毎週火曜 10時〜11時半',
      },
    ],
    capacity: 25,
    profile: {
      typicalMinutes: 90,
      groupSize: GroupSize.MEDIUM,
      physicalDemand: PhysicalDemand.MODERATE,
      observationVisit: true,
    },
    eligibility: { minAge: 60, residency: Residency.RESIDENTS_ONLY },
  },
  {
    kind: K.IBASHO,
    name: '{town}みんなの食堂',
    description: '誰でも利用できる地域食堂（子ども食堂）。食べに来るだけでも、手伝いでも。',
    hosts: [O.RESIDENTS_GROUP, O.NPO, O.TEMPLE_OR_SHRINE],
    themes: ['FOOD', 'CHILDREN', 'INTERGENERATIONAL'],
    schedules: [
      {
        freq: M,
        weekdays: [6],
        nth: [1, 3],
        opensAt: '17:00',
        closesAt: '19:00',
        note: '第1・第3土曜 17時〜19時',
      },
    ],
    capacity: 40,
    booking: BookingRequirement.NONE,
    fee: { yen: 300, note: '子ども無料・大人300円' },
    profile: {
      typicalMinutes: 60,
      mayJustBeThere: true,
      groupSize: GroupSize.LARGE,
      firstTimerFriendly: true,
    },
    details: { mealsServed: true },
  },
  {
    kind: K.IBASHO,
    name: 'ひきこもり経験者の居場所 {town}',
    description:
      '同じような経験のある人が集まる場。話さずに過ごしても大丈夫です。初回のみ予約が必要です。',
    hosts: [O.NPO],
    themes: ['PEER_SUPPORT', 'CONVERSATION'],
    schedules: [
      {
        freq: M,
        weekdays: [2],
        nth: [1],
        opensAt: '15:00',
        closesAt: '17:00',
        note: '毎月第1火曜 15時〜',
      },
    ],
    capacity: 12,
    booking: BookingRequirement.FIRST_VISIT,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 15,
      mayJustBeThere: true,
      talkingOptional: true,
      observationVisit: true,
      supporterMayAccompany: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.LOW,
      firstTimerFriendly: true,
    },
    eligibility: { minAge: 15, targetGroups: ['ひきこもり経験のある人'], sensitive: true },
  },
  {
    kind: K.IBASHO,
    name: '家族会（{town}）',
    description: 'ひきこもりの家族が集まって話す会。毎月第2土曜。',
    hosts: [O.RESIDENTS_GROUP, O.NPO],
    themes: ['FAMILY', 'PEER_SUPPORT'],
    schedules: [
      {
        freq: M,
        weekdays: [6],
        nth: [2],
        opensAt: '14:00',
        closesAt: '16:00',
        note: '毎月第2土曜 14時〜16時',
      },
    ],
    capacity: 20,
    booking: BookingRequirement.FIRST_VISIT,
    profile: {
      typicalMinutes: 120,
      talkingOptional: true,
      groupSize: GroupSize.MEDIUM,
      observationVisit: true,
    },
    eligibility: { targetGroups: ['ひきこもりの家族'], sensitive: true },
    visibility: Visibility.PROFESSIONAL,
  },
  {
    kind: K.IBASHO,
    name: '多文化キッズサロン {town}',
    description: '外国にルーツのある子どもと家族のサロン。宿題も一緒に。',
    hosts: [O.NPO],
    themes: ['MULTICULTURAL', 'CHILDREN', 'TUTORING'],
    schedules: [
      { freq: W, weekdays: [3], opensAt: '16:00', closesAt: '18:00', note: '毎週水曜 16時〜18時' },
    ],
    capacity: 15,
    profile: { typicalMinutes: 120, groupSize: GroupSize.MEDIUM, firstTimerFriendly: true },
    eligibility: { maxAge: 18 },
  },
  {
    kind: K.IBASHO,
    name: '男の居場所 {town}',
    description: '男性が集まって将棋や囲碁、ものづくりをする場。',
    hosts: [O.RESIDENTS_GROUP, O.TEMPLE_OR_SHRINE],
    themes: ['HANDICRAFT', 'CONVERSATION'],
    schedules: [
      {
        freq: W,
        interval: 2,
        weekdays: [5],
        opensAt: '13:00',
        closesAt: '16:00',
        note: '隔週金曜 13時〜16時',
      },
    ],
    capacity: 15,
    profile: {
      typicalMinutes: 180,
      minimumMinutes: 30,
      mayJustBeThere: true,
      talkingOptional: true,
      groupSize: GroupSize.SMALL,
    },
  },
  // Volunteer slots
  {
    kind: K.VOLUNTEER,
    name: '町会だよりの折り込み（{org}）',
    description: '年3回、決まった部数を決まった時間で折る作業。負担になりません。',
    hosts: [O.NEIGHBORHOOD_ASSOCIATION],
    themes: ['LIGHT_WORK'],
    schedules: [],
    sessions: {
      monthDays: [
        [4, 20],
        [8, 20],
        [12, 10],
      ],
      opensAt: '10:00',
      closesAt: '11:30',
      note: '年3回',
    },
    capacity: 8,
    profile: {
      typicalMinutes: 90,
      minimumMinutes: 30,
      talkingOptional: true,
      supporterMayAccompany: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.LOW,
      firstTimerFriendly: true,
    },
    details: { tasks: '町会だよりを三つ折りにして封入', slotsPerSession: 8 },
  },
  {
    kind: K.VOLUNTEER,
    name: '境内の清掃（{org}）',
    description: '境内の落ち葉掃きと清掃。黙々とできる作業です。',
    hosts: [O.TEMPLE_OR_SHRINE],
    themes: ['CLEANING', 'ENVIRONMENT'],
    schedules: [
      {
        freq: W,
        weekdays: [6],
        opensAt: '08:00',
        closesAt: '09:30',
        closedOnHolidays: false,
        note: '毎週土曜 朝8時〜',
      },
    ],
    capacity: 6,
    profile: {
      typicalMinutes: 90,
      minimumMinutes: 30,
      talkingOptional: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.MODERATE,
      supporterMayAccompany: true,
    },
    details: { tasks: '落ち葉掃き、拭き掃除' },
  },
  {
    kind: K.VOLUNTEER,
    name: '施設の清掃・配膳の手伝い（{org}）',
    description: '特別養護老人ホームでの配膳と清掃のボランティア。',
    hosts: [O.SOCIAL_WELFARE_CORPORATION],
    themes: ['CLEANING', 'ELDERLY'],
    schedules: [
      { freq: W, weekdays: [2, 4], opensAt: '11:00', closesAt: '13:00', note: '火・木 11時〜13時' },
    ],
    capacity: 4,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 60,
      canGrowGradually: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.MODERATE,
    },
    details: { tasks: '配膳、食器洗い、共用部の清掃', slotsPerSession: 2 },
  },
  {
    kind: K.VOLUNTEER,
    name: '{town}公園の花壇の手入れ',
    description: '公園の花壇の水やりと草取り。月1回。',
    hosts: [O.VOLUNTEER_GROUP, O.NEIGHBORHOOD_ASSOCIATION],
    themes: ['GARDENING', 'ENVIRONMENT'],
    schedules: [
      {
        freq: M,
        weekdays: [7],
        nth: [-1],
        opensAt: '09:00',
        closesAt: '11:00',
        closedOnHolidays: false,
        note: '毎月最終日曜 9時〜',
      },
    ],
    capacity: 10,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 30,
      talkingOptional: true,
      physicalDemand: PhysicalDemand.MODERATE,
      groupSize: GroupSize.SMALL,
      firstTimerFriendly: true,
    },
    details: { tasks: '水やり、草取り、花の植え替え' },
  },
  {
    kind: K.VOLUNTEER,
    name: 'コーヒー淹れ隊（{town}）',
    description: '地域の会合でコーヒーを淹れる係。淹れ方は教えます。',
    hosts: [O.VOLUNTEER_GROUP, O.SOCIAL_WELFARE_COUNCIL],
    themes: ['COFFEE', 'COOKING'],
    schedules: [
      {
        freq: M,
        weekdays: [3],
        nth: [2],
        opensAt: '13:00',
        closesAt: '15:00',
        note: '毎月第2水曜',
      },
    ],
    capacity: 4,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 60,
      talkingOptional: true,
      groupSize: GroupSize.SMALL,
      firstTimerFriendly: true,
      supporterMayAccompany: true,
    },
    details: { tasks: 'コーヒーを淹れて配る' },
  },
  {
    kind: K.VOLUNTEER,
    name: 'スマホ相談会のサポーター（{town}）',
    description: '高齢者のスマホの困りごとを一緒に解決。参加者が次の相談員になります。',
    hosts: [O.NPO],
    themes: ['SMARTPHONE', 'IT', 'ELDERLY'],
    schedules: [
      {
        freq: M,
        weekdays: [6],
        nth: [4],
        opensAt: '10:00',
        closesAt: '12:00',
        note: '第4土曜 午前',
      },
    ],
    capacity: 6,
    profile: { typicalMinutes: 120, canGrowGradually: true, groupSize: GroupSize.SMALL },
    details: { tasks: 'スマホの操作を教える', slotsPerSession: 6 },
  },
  {
    kind: K.VOLUNTEER,
    name: '図書館の配架ボランティア',
    description: '返却された本を棚に戻す作業。静かな環境です。',
    hosts: [O.GOVERNMENT],
    themes: ['READING', 'LIGHT_WORK'],
    schedules: [
      { freq: W, weekdays: [2, 4], opensAt: '10:00', closesAt: '12:00', note: '火・木 午前' },
    ],
    capacity: 3,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 60,
      talkingOptional: true,
      canGrowGradually: true,
      groupSize: GroupSize.ONE_ON_ONE,
      physicalDemand: PhysicalDemand.LOW,
    },
    details: { tasks: '配架、本の修理' },
  },
  {
    kind: K.VOLUNTEER,
    name: 'おもちゃ病院（{town}）',
    description: '壊れたおもちゃを直すボランティア。手仕事が好きな人に。',
    hosts: [O.VOLUNTEER_GROUP],
    themes: ['HANDICRAFT', 'CHILDREN'],
    schedules: [
      {
        freq: M,
        weekdays: [7],
        nth: [3],
        opensAt: '13:00',
        closesAt: '16:00',
        note: '第3日曜 午後',
      },
    ],
    capacity: 5,
    profile: {
      typicalMinutes: 180,
      talkingOptional: true,
      groupSize: GroupSize.SMALL,
      observationVisit: true,
    },
  },
  {
    kind: K.VOLUNTEER,
    name: '河川敷の清掃（{town}）',
    description: '河川敷のごみ拾い。年数回の一斉清掃。',
    hosts: [O.NEIGHBORHOOD_ASSOCIATION, O.VOLUNTEER_GROUP],
    themes: ['ENVIRONMENT', 'CLEANING'],
    schedules: [],
    sessions: {
      monthDays: [
        [5, 17],
        [10, 18],
      ],
      opensAt: '09:00',
      closesAt: '11:00',
      note: '5月・10月の一斉清掃',
    },
    capacity: 50,
    profile: {
      typicalMinutes: 120,
      physicalDemand: PhysicalDemand.MODERATE,
      groupSize: GroupSize.LARGE,
      firstTimerFriendly: true,
      talkingOptional: true,
    },
  },
  {
    kind: K.VOLUNTEER,
    name: '防災訓練の手伝い（{org}）',
    description: '町の防災訓練での受付や炊き出しの手伝い。',
    hosts: [O.NEIGHBORHOOD_ASSOCIATION],
    themes: ['DISASTER_PREVENTION'],
    schedules: [],
    sessions: { monthDays: [[9, 6]], opensAt: '09:00', closesAt: '12:00', note: '年1回（9月）' },
    capacity: 15,
    profile: {
      typicalMinutes: 180,
      groupSize: GroupSize.LARGE,
      physicalDemand: PhysicalDemand.MODERATE,
    },
  },
  // Short work placements
  {
    kind: K.WORK_PLACEMENT,
    name: '仕込みの手伝い（{org}）',
    description: '飲食店での仕込み作業。1〜2時間から始めて、少しずつ時間を延ばせます。',
    hosts: [O.SHOP],
    themes: ['COOKING', 'FOOD'],
    schedules: [
      {
        freq: W,
        weekdays: [2, 3, 4],
        opensAt: '09:00',
        closesAt: '11:00',
        note: '火〜木 9時〜11時',
      },
    ],
    capacity: 2,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 60,
      canGrowGradually: true,
      talkingOptional: true,
      supporterMayAccompany: true,
      groupSize: GroupSize.ONE_ON_ONE,
      physicalDemand: PhysicalDemand.MODERATE,
    },
    details: { tasks: '野菜の下ごしらえ、皿洗い', hourlyWageYen: 1000, mayLeadToEmployment: true },
  },
  {
    kind: K.WORK_PLACEMENT,
    name: 'パンの袋詰めと販売（{org}）',
    description: '多世代交流の場でのパンの袋詰めと店頭販売の体験。',
    hosts: [O.SHOP, O.RESIDENTS_GROUP],
    themes: ['SALES', 'FOOD'],
    schedules: [
      { freq: W, weekdays: [6], opensAt: '10:00', closesAt: '12:00', note: '毎週土曜 午前' },
    ],
    capacity: 3,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 60,
      canGrowGradually: true,
      groupSize: GroupSize.SMALL,
      observationVisit: true,
    },
    details: { tasks: '袋詰め、値札付け、店頭販売' },
  },
  {
    kind: K.WORK_PLACEMENT,
    name: '野菜の収穫と袋詰め（{org}）',
    description: '畑での収穫と出荷の袋詰め。体力を使う作業です。',
    hosts: [O.FARM],
    themes: ['FARMING', 'LIGHT_WORK'],
    schedules: [
      {
        freq: W,
        weekdays: [1, 4],
        opensAt: '08:00',
        closesAt: '11:00',
        closedOnHolidays: false,
        note: '月・木 朝',
      },
    ],
    capacity: 4,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 180,
      minimumMinutes: 60,
      canGrowGradually: true,
      talkingOptional: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.HIGH,
      observationVisit: true,
    },
    details: { tasks: '収穫、袋詰め', hourlyWageYen: 1100 },
  },
  {
    kind: K.WORK_PLACEMENT,
    name: '切手の仕分け作業（{org}）',
    description: '寄付された使用済み切手の仕分け。座ってできる静かな作業です。',
    hosts: [O.SOCIAL_WELFARE_CORPORATION, O.SOCIAL_WELFARE_COUNCIL],
    themes: ['LIGHT_WORK'],
    schedules: [
      {
        freq: W,
        weekdays: [1, 2, 3, 4, 5],
        opensAt: '10:00',
        closesAt: '15:00',
        note: '平日 10時〜15時の好きな時間',
      },
    ],
    capacity: 6,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 30,
      canGrowGradually: true,
      talkingOptional: true,
      mayJustBeThere: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.LOW,
      firstTimerFriendly: true,
    },
    details: { tasks: '切手の仕分けと台紙貼り' },
  },
  {
    kind: K.WORK_PLACEMENT,
    name: 'カフェの接客体験（{org}）',
    description: '就労継続支援B型事業所のカフェでの接客と調理補助。',
    hosts: [O.SOCIAL_WELFARE_CORPORATION],
    themes: ['COFFEE', 'COOKING', 'SALES'],
    schedules: [
      {
        freq: W,
        weekdays: [1, 2, 3, 4, 5],
        opensAt: '11:00',
        closesAt: '14:00',
        note: '平日 ランチ時間',
      },
    ],
    capacity: 3,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 180,
      minimumMinutes: 60,
      canGrowGradually: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.MODERATE,
    },
    details: { tasks: '接客、盛り付け', hourlyWageYen: 300, mayLeadToEmployment: true },
  },
  {
    kind: K.WORK_PLACEMENT,
    name: '封入・封かん作業（{org}）',
    description: 'ダイレクトメールの封入などの軽作業の就労体験。',
    hosts: [O.COMPANY],
    themes: ['LIGHT_WORK'],
    schedules: [
      { freq: W, weekdays: [2, 4], opensAt: '13:00', closesAt: '15:00', note: '火・木 午後' },
    ],
    capacity: 5,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 60,
      canGrowGradually: true,
      talkingOptional: true,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.LOW,
    },
    details: { tasks: '封入、封かん、ラベル貼り', hourlyWageYen: 1050 },
  },
  {
    kind: K.WORK_PLACEMENT,
    name: 'ビル清掃の短時間就労（{org}）',
    description: '早朝のビル清掃。週1回1時間から。',
    hosts: [O.COMPANY],
    themes: ['CLEANING'],
    schedules: [
      {
        freq: W,
        weekdays: [1, 3, 5],
        opensAt: '07:00',
        closesAt: '08:30',
        note: '月・水・金 早朝',
      },
    ],
    capacity: 2,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 90,
      minimumMinutes: 60,
      canGrowGradually: true,
      talkingOptional: true,
      groupSize: GroupSize.ONE_ON_ONE,
      physicalDemand: PhysicalDemand.MODERATE,
    },
    details: { tasks: '床の清掃、ごみ回収', hourlyWageYen: 1150, mayLeadToEmployment: true },
  },
  // NPO programs
  {
    kind: K.PROGRAM,
    name: '地域デビュー講座（{org}）',
    description: '地域活動を知る全3回の講座。14時〜16時、定員30名。',
    hosts: [O.SOCIAL_WELFARE_COUNCIL, O.GOVERNMENT],
    themes: ['CONVERSATION'],
    schedules: [],
    sessions: {
      monthDays: [
        [6, 6],
        [6, 13],
        [6, 20],
      ],
      opensAt: '14:00',
      closesAt: '16:00',
      note: '全3回',
    },
    capacity: 30,
    booking: BookingRequirement.ALWAYS,
    profile: { typicalMinutes: 120, groupSize: GroupSize.LARGE, firstTimerFriendly: true },
    eligibility: { residency: Residency.RESIDENTS_OR_WORKERS },
    details: { sessionCount: 3, format: '講座' },
  },
  {
    kind: K.PROGRAM,
    name: '哲学カフェ（{town}）',
    description: 'ひとつの問いについて、ゆっくり考えて話す会。聞くだけの参加も歓迎。',
    hosts: [O.NPO],
    themes: ['CONVERSATION', 'READING'],
    schedules: [
      {
        freq: M,
        weekdays: [7],
        nth: [2],
        interval: 2,
        opensAt: '14:00',
        closesAt: '16:00',
        note: '隔月 第2日曜',
      },
    ],
    capacity: 15,
    booking: BookingRequirement.ALWAYS,
    fee: { yen: 200, note: '飲み物代' },
    profile: {
      typicalMinutes: 120,
      talkingOptional: true,
      groupSize: GroupSize.MEDIUM,
      observationVisit: true,
    },
    details: { format: '対話の会' },
  },
  {
    kind: K.PROGRAM,
    name: 'ピアの集い（{org}）',
    description: '依存症からの回復を目指す人の語り合いの場。会場は申込後にお知らせします。',
    hosts: [O.TEMPLE_OR_SHRINE, O.NPO],
    themes: ['PEER_SUPPORT'],
    schedules: [
      { freq: W, weekdays: [1], opensAt: '19:00', closesAt: '20:30', note: '毎週月曜 夜' },
    ],
    capacity: 15,
    booking: BookingRequirement.FIRST_VISIT,
    profile: {
      typicalMinutes: 90,
      talkingOptional: true,
      groupSize: GroupSize.MEDIUM,
      supporterMayAccompany: true,
    },
    eligibility: { minAge: 18, targetGroups: ['依存症のある人', 'その家族'], sensitive: true },
    confidential: true,
    details: { format: 'ピアミーティング' },
  },
  {
    kind: K.PROGRAM,
    name: '男性のための養蜂体験（{org}）',
    description: '境内での養蜂活動。月2回、作業を分担します。',
    hosts: [O.TEMPLE_OR_SHRINE],
    themes: ['BEEKEEPING', 'ANIMALS', 'ENVIRONMENT'],
    schedules: [
      {
        freq: M,
        weekdays: [6],
        nth: [1, 3],
        opensAt: '09:00',
        closesAt: '11:00',
        closedOnHolidays: false,
        note: '第1・第3土曜 午前',
      },
    ],
    capacity: 8,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 120,
      groupSize: GroupSize.SMALL,
      physicalDemand: PhysicalDemand.MODERATE,
      observationVisit: true,
    },
    details: { format: '体験活動' },
  },
  {
    kind: K.PROGRAM,
    name: 'こころの相談日（{org}）',
    description: '専門職が個別に相談に応じます。予約制。',
    hosts: [O.MEDICAL, O.GOVERNMENT, O.SOCIAL_WELFARE_COUNCIL],
    themes: ['CONSULTATION'],
    schedules: [
      {
        freq: M,
        weekdays: [5],
        nth: [-1],
        opensAt: '13:00',
        closesAt: '17:00',
        note: '毎月最終金曜 午後',
      },
    ],
    capacity: 4,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 50,
      groupSize: GroupSize.ONE_ON_ONE,
      supporterMayAccompany: true,
      onlineParticipation: true,
    },
    details: { format: '個別相談' },
  },
  {
    kind: K.PROGRAM,
    name: 'はじめてのスマホ教室（{town}）',
    description: 'スマホの基本操作を少人数で学ぶ教室。',
    hosts: [O.NPO, O.COMPANY],
    themes: ['SMARTPHONE', 'IT'],
    schedules: [
      {
        freq: M,
        weekdays: [2],
        nth: [2],
        opensAt: '10:00',
        closesAt: '12:00',
        note: '毎月第2火曜',
      },
    ],
    capacity: 10,
    booking: BookingRequirement.ALWAYS,
    profile: { typicalMinutes: 120, groupSize: GroupSize.MEDIUM, firstTimerFriendly: true },
    details: { sessionCount: 1, format: '教室' },
  },
  {
    kind: K.PROGRAM,
    name: '就労準備セミナー（{org}）',
    description: '働く前の準備を少しずつ。オンライン参加もできます。',
    hosts: [O.NPO, O.GOVERNMENT],
    themes: ['CONSULTATION', 'IT'],
    schedules: [
      { freq: W, weekdays: [3], opensAt: '14:00', closesAt: '15:30', note: '毎週水曜 午後' },
    ],
    capacity: 12,
    booking: BookingRequirement.ALWAYS,
    profile: {
      typicalMinutes: 90,
      groupSize: GroupSize.MEDIUM,
      onlineParticipation: true,
      canGrowGradually: true,
    },
    eligibility: { minAge: 15, maxAge: 49 },
    details: { format: 'セミナー' },
  },
  {
    kind: K.PROGRAM,
    name: '日本語教室（{town}）',
    description: '外国にルーツのある人のための日本語教室。',
    hosts: [O.NPO, O.VOLUNTEER_GROUP],
    themes: ['MULTICULTURAL', 'TUTORING'],
    schedules: [
      { freq: W, weekdays: [7], opensAt: '10:00', closesAt: '12:00', note: '毎週日曜 午前' },
    ],
    capacity: 20,
    profile: { typicalMinutes: 120, groupSize: GroupSize.MEDIUM, firstTimerFriendly: true },
    details: { format: '教室' },
  },
];
