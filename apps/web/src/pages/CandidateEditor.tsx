import { FormEvent, useEffect, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { gql } from '../api';
import { weekdayLabel } from '../labels';
import { wholeNumber } from '../numbers';
import { useAreas, useThemes } from '../components/CatalogueFilters';
import { ErrorNote, Loading } from '../components/Status';
import { navigate } from '../router';
import { CONSOLE_LINKS, PACE_LABELS, SignedInFrame } from './Console';

interface Profile {
  paceStage: string;
  supportPhase: 'BEFORE_PLAN' | 'WITH_PLAN';
  goals: string[];
  interests: string[];
  strengths: string[];
  resident: boolean;
  birthYear: number | null;
  limits: {
    maxSessionMinutes: number;
    sessionsPerWeek: number;
    needsQuiet: boolean;
    talkingOptional: boolean;
    wantsSupporter: boolean;
    wantsObservationFirst: boolean;
  };
  availability: { weekday: number; from: string; to: string }[];
  travel: { mode: 'WALK' | 'BICYCLE' | 'TRANSIT'; minutes: number | null; meters?: number | null };
  constraints: {
    avoidCrowds: boolean;
    onlineOnly: boolean;
    maxFeeYen: number | null;
    maxPhysicalDemand?: string | null;
    groupSizes?: string[] | null;
  };
  /** Not edited here, but kept: the profile is saved whole. */
  home?: { latitude: number; longitude: number } | null;
}
interface Candidate {
  id: string;
  alias: string;
  areaId: string | null;
  profile: Profile | null;
}

const PROFILE_FIELDS = `paceStage supportPhase goals interests strengths resident birthYear
  limits { maxSessionMinutes sessionsPerWeek needsQuiet talkingOptional wantsSupporter wantsObservationFirst }
  availability { weekday from to } travel { mode minutes meters } home { latitude longitude }
  constraints { avoidCrowds onlineOnly maxFeeYen maxPhysicalDemand groupSizes }`;

const GOALS: [string, string][] = [
  ['PLACE_TO_BE', '居場所がほしい'],
  ['ROLE', '役割を持ちたい'],
  ['WORK', '働くことに近づきたい'],
];
const TRAVEL: [Profile['travel']['mode'], string][] = [
  ['WALK', '歩いて'],
  ['BICYCLE', '自転車で'],
  ['TRANSIT', 'バス・電車で'],
];
const LIMIT_FLAGS: [
  keyof Omit<Profile['limits'], 'maxSessionMinutes' | 'sessionsPerWeek'>,
  string,
][] = [
  ['needsQuiet', '静かな場所がいい'],
  ['talkingOptional', '話さなくてもいい場所がいい'],
  ['wantsSupporter', '付き添いと一緒に行きたい'],
  ['wantsObservationFirst', 'まず見学したい'],
];

type NumberField =
  'birthYear' | 'maxSessionMinutes' | 'sessionsPerWeek' | 'travelMinutes' | 'maxFeeYen';
const NUMBER_LABELS: Record<NumberField, string> = {
  birthYear: '生まれた年',
  maxSessionMinutes: '1回の長さ',
  sessionsPerWeek: '週の回数',
  travelMinutes: '片道の時間',
  maxFeeYen: '参加費の上限',
};
const numbersOf = (p: Profile): Record<NumberField, string> => ({
  birthYear: p.birthYear?.toString() ?? '',
  maxSessionMinutes: String(p.limits.maxSessionMinutes),
  sessionsPerWeek: String(p.limits.sessionsPerWeek),
  travelMinutes: p.travel.minutes?.toString() ?? '',
  maxFeeYen: p.constraints.maxFeeYen?.toString() ?? '',
});

const emptyProfile = (): Profile => ({
  paceStage: 'JUST_BEING_THERE',
  supportPhase: 'BEFORE_PLAN',
  goals: ['PLACE_TO_BE'],
  interests: [],
  strengths: [],
  resident: true,
  birthYear: null,
  limits: {
    maxSessionMinutes: 60,
    sessionsPerWeek: 1,
    needsQuiet: false,
    talkingOptional: false,
    wantsSupporter: false,
    wantsObservationFirst: true,
  },
  availability: [],
  travel: { mode: 'WALK', minutes: 20 },
  constraints: { avoidCrowds: false, onlineOnly: false, maxFeeYen: null },
});

/**
 * A person's profile, filled in with them: pace, what they want, when they can come, how far
 * they go, what they need. It is what matching reads. Names, contact and notes are not here.
 */
export function CandidateEditor({ id }: { id: string | null }) {
  const [alias, setAlias] = useState('');
  const [areaId, setAreaId] = useState('');
  const [profile, setProfile] = useState<Profile | null>(id ? null : emptyProfile());
  const [strengths, setStrengths] = useState('');
  // Numbers as typed (１０ and all), read when saving.
  const [nums, setNums] = useState<Record<NumberField, string>>(() => numbersOf(emptyProfile()));
  const themes = useThemes();
  const [error, setError] = useState<string | null>(null);
  const areas = useAreas(setError);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!id) return;
    gql<{ candidate: Candidate }>(
      `query ($id: ID!) { candidate(id: $id, purpose: "本人とプロフィールを見直す") { id alias areaId profile { ${PROFILE_FIELDS} } } }`,
      { id },
    ).then(
      ({ candidate }) => {
        setAlias(candidate.alias);
        setAreaId(candidate.areaId ?? '');
        const p = candidate.profile ?? emptyProfile();
        setProfile(p);
        setNums(numbersOf(p));
        setStrengths(p.strengths.join('、'));
      },
      (e: Error) => setError(e.message),
    );
  }, [id]);

  if (!profile)
    return (
      <SignedInFrame title="プロフィール" links={CONSOLE_LINKS}>
        <ErrorNote error={error} />
        {!error && <Loading />}
      </SignedInFrame>
    );

  const set = (next: Partial<Profile>) => {
    setProfile({ ...profile, ...next });
    setSaved(false);
  };
  const limits = (next: Partial<Profile['limits']>) =>
    set({ limits: { ...profile.limits, ...next } });
  const toggle = (list: string[], item: string) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  const numberInput = (field: NumberField) => ({
    inputMode: 'numeric' as const,
    value: nums[field],
    onChange: (e: { target: { value: string } }) => {
      setNums({ ...nums, [field]: e.target.value });
      setSaved(false);
    },
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problems: string[] = [];
    const read = (field: NumberField, required = false) => {
      const n = wholeNumber(nums[field]);
      if (n === undefined || (required && n === null))
        problems.push(`${NUMBER_LABELS[field]}は数字で入力してください`);
      return n ?? null;
    };
    const numbers = {
      birthYear: read('birthYear'),
      limits: {
        ...profile.limits,
        maxSessionMinutes: read('maxSessionMinutes', true) ?? 0,
        sessionsPerWeek: read('sessionsPerWeek', true) ?? 0,
      },
      travel: { ...profile.travel, minutes: read('travelMinutes') },
      constraints: { ...profile.constraints, maxFeeYen: read('maxFeeYen') },
    };
    if (problems.length) {
      setError(problems.join(' / '));
      return;
    }
    const input = {
      alias,
      areaId: areaId || null,
      profile: {
        ...profile,
        ...numbers,
        strengths: strengths
          .split(/[、,\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      },
    };
    try {
      if (id) {
        await gql(
          `mutation ($id: ID!, $input: UpdateCandidateInput!) { updateCandidate(id: $id, input: $input) { id } }`,
          { id, input },
        );
        setSaved(true);
      } else {
        const { createCandidate } = await gql<{ createCandidate: { id: string } }>(
          `mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`,
          { input },
        );
        navigate(`/console/candidates/${createCandidate.id}`);
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      setSaved(false);
    }
  };

  return (
    <SignedInFrame
      title={id ? `${alias}のプロフィール` : '新しい方を登録する'}
      links={CONSOLE_LINKS}
    >
      <p className="lead">
        本人と一緒に確かめながら入力してください。本名・連絡先は、ここには入力しません。
      </p>
      <form className="editor" onSubmit={(e) => void save(e)} noValidate>
        <ErrorNote error={error} />
        <section className="editor-section" aria-label="基本">
          <h2>基本</h2>
          <div className="field">
            <label htmlFor="c-alias">仮名（受け入れ先にも表示されます）</label>
            <input
              id="c-alias"
              value={alias}
              placeholder="例: Aさん"
              onChange={(e) => setAlias(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="c-area">住んでいる地区</label>
            <select id="c-area" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
              <option value="">指定しない</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="c-birth">生まれた年（年齢制限のある場所のため、任意）</label>
            <input id="c-birth" {...numberInput('birthYear')} />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={profile.resident}
              onChange={(e) => set({ resident: e.target.checked })}
            />
            市内に住んでいる
          </label>
          <fieldset>
            <legend>支援の段階</legend>
            <label className="check">
              <input
                type="radio"
                name="phase"
                checked={profile.supportPhase === 'BEFORE_PLAN'}
                onChange={() => set({ supportPhase: 'BEFORE_PLAN' })}
              />
              相談支援のみ（支援プランはまだ）
            </label>
            <label className="check">
              <input
                type="radio"
                name="phase"
                checked={profile.supportPhase === 'WITH_PLAN'}
                onChange={() => set({ supportPhase: 'WITH_PLAN' })}
              />
              本人が同意した支援プランがある
            </label>
          </fieldset>
        </section>

        <section className="editor-section" aria-label="いまのペース">
          <h2>いまのペース</h2>
          <fieldset>
            <legend>いまできること</legend>
            {Object.entries(PACE_LABELS).map(([code, label]) => (
              <label key={code} className="check">
                <input
                  type="radio"
                  name="pace"
                  checked={profile.paceStage === code}
                  onChange={() => set({ paceStage: code })}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <div className="row">
            <div className="field">
              <label htmlFor="c-minutes">1回の長さ（分まで）</label>
              <input id="c-minutes" {...numberInput('maxSessionMinutes')} />
            </div>
            <div className="field">
              <label htmlFor="c-week">週に何回まで</label>
              <input id="c-week" {...numberInput('sessionsPerWeek')} />
            </div>
          </div>
          <fieldset>
            <legend>あると安心なこと</legend>
            {LIMIT_FLAGS.map(([flag, label]) => (
              <label key={flag} className="check">
                <input
                  type="checkbox"
                  checked={profile.limits[flag]}
                  onChange={(e) => limits({ [flag]: e.target.checked })}
                />
                {label}
              </label>
            ))}
            <label className="check">
              <input
                type="checkbox"
                checked={profile.constraints.avoidCrowds}
                onChange={(e) =>
                  set({ constraints: { ...profile.constraints, avoidCrowds: e.target.checked } })
                }
              />
              人の多い場所は避けたい
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={profile.constraints.onlineOnly}
                onChange={(e) =>
                  set({ constraints: { ...profile.constraints, onlineOnly: e.target.checked } })
                }
              />
              オンラインだけ
            </label>
          </fieldset>
        </section>

        <section className="editor-section" aria-label="したいこと">
          <h2>したいこと</h2>
          <fieldset>
            <legend>望んでいること</legend>
            {GOALS.map(([code, label]) => (
              <label key={code} className="check">
                <input
                  type="checkbox"
                  checked={profile.goals.includes(code)}
                  onChange={() => set({ goals: toggle(profile.goals, code) })}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>関心のあること</legend>
            {themes.map((t) => (
              <label key={t.code} className="check">
                <input
                  type="checkbox"
                  checked={profile.interests.includes(t.code)}
                  onChange={() => set({ interests: toggle(profile.interests, t.code) })}
                />
                {t.label}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="c-strengths">得意なこと（「、」で区切る）</label>
            <input
              id="c-strengths"
              value={strengths}
              placeholder="例: パソコン、料理"
              onChange={(e) => setStrengths(e.target.value)}
            />
          </div>
        </section>

        <section className="editor-section" aria-label="来られる時間と距離">
          <h2>来られる時間と距離</h2>
          {profile.availability.map((w, i) => (
            <div key={i} className="row" role="group" aria-label={`時間帯 ${i + 1}`}>
              <div className="field">
                <label htmlFor={`w-day-${i}`}>曜日</label>
                <select
                  id={`w-day-${i}`}
                  value={w.weekday}
                  onChange={(e) =>
                    set({
                      availability: profile.availability.map((x, j) =>
                        i === j ? { ...x, weekday: Number(e.target.value) } : x,
                      ),
                    })
                  }
                >
                  {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                    <option key={d} value={d}>
                      {weekdayLabel(d)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`w-from-${i}`}>から</label>
                <input
                  id={`w-from-${i}`}
                  type="time"
                  value={w.from}
                  onChange={(e) =>
                    set({
                      availability: profile.availability.map((x, j) =>
                        i === j ? { ...x, from: e.target.value } : x,
                      ),
                    })
                  }
                />
              </div>
              <div className="field">
                <label htmlFor={`w-to-${i}`}>まで</label>
                <input
                  id={`w-to-${i}`}
                  type="time"
                  value={w.to}
                  onChange={(e) =>
                    set({
                      availability: profile.availability.map((x, j) =>
                        i === j ? { ...x, to: e.target.value } : x,
                      ),
                    })
                  }
                />
              </div>
              <button
                type="button"
                onClick={() =>
                  set({ availability: profile.availability.filter((_, j) => j !== i) })
                }
              >
                時間帯 {i + 1} を削除
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              set({
                availability: [...profile.availability, { weekday: 1, from: '10:00', to: '12:00' }],
              })
            }
          >
            来られる時間帯を追加
          </button>
          <div className="row">
            <div className="field">
              <label htmlFor="c-mode">移動の手段</label>
              <select
                id="c-mode"
                value={profile.travel.mode}
                onChange={(e) =>
                  set({
                    travel: {
                      ...profile.travel,
                      mode: e.target.value as Profile['travel']['mode'],
                    },
                  })
                }
              >
                {TRAVEL.map(([mode, label]) => (
                  <option key={mode} value={mode}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="c-travel">片道何分まで</label>
              <input id="c-travel" {...numberInput('travelMinutes')} />
            </div>
            <div className="field">
              <label htmlFor="c-fee">参加費は何円まで（空欄は問わない）</label>
              <input id="c-fee" {...numberInput('maxFeeYen')} />
            </div>
          </div>
        </section>

        <div className="buttons save">
          <button type="submit">{id ? '保存する' : '登録する'}</button>
          {id && (
            <AppLink to={`/console/candidates/${id}`} className="button-link">
              {alias}に合う場所を探す
            </AppLink>
          )}
        </div>
        {saved && (
          <p role="status" className="ok">
            保存しました。合う場所の候補は、この内容で探されます。
          </p>
        )}
      </form>
    </SignedInFrame>
  );
}
