import { OrganizationType } from '@app/organization';

/** みどり市: a fictional city for demos and tests. Its code uses a number no real city has. */
export const MIDORI_CITY = {
  code: '139991',
  name: 'みどり市',
  prefecture: '東京都',
  bbox: { west: 139.3, south: 35.62, east: 139.42, north: 35.71 },
  postalPrefix: '199',
};

/** Daily-life areas (日常生活圏域), each a block of districts on the 4 × 4 grid. */
export const DAILY_LIFE_AREAS = [
  { key: 'A', name: '緑ヶ丘圏域', code: 'A' },
  { key: 'B', name: '朝日台圏域', code: 'B' },
  { key: 'C', name: '中央圏域', code: 'C' },
  { key: 'D', name: '川辺圏域', code: 'D' },
  { key: 'E', name: '山手圏域', code: 'E' },
] as const;

/** Districts (地区), one per grid cell [row, col], with the town name used in addresses. */
export const DISTRICTS: { cell: [number, number]; area: string; name: string; town: string }[] = [
  { cell: [0, 0], area: 'A', name: '緑ヶ丘地区', town: '緑ヶ丘' },
  { cell: [0, 1], area: 'A', name: '若葉地区', town: '若葉町' },
  { cell: [1, 0], area: 'A', name: '北野地区', town: '北野' },
  { cell: [0, 2], area: 'B', name: '朝日台地区', town: '朝日台' },
  { cell: [0, 3], area: 'B', name: '東原地区', town: '東原' },
  { cell: [1, 3], area: 'B', name: '日の出地区', town: '日の出町' },
  { cell: [1, 1], area: 'C', name: '本町地区', town: '本町' },
  { cell: [1, 2], area: 'C', name: '駅前地区', town: '駅前' },
  { cell: [2, 1], area: 'C', name: '栄町地区', town: '栄町' },
  { cell: [2, 2], area: 'C', name: '桜台地区', town: '桜台' },
  { cell: [2, 0], area: 'D', name: '川辺地区', town: '川辺町' },
  { cell: [3, 0], area: 'D', name: '柳町地区', town: '柳町' },
  { cell: [3, 1], area: 'D', name: '水元地区', town: '水元' },
  { cell: [2, 3], area: 'E', name: '山手地区', town: '山手' },
  { cell: [3, 2], area: 'E', name: '南台地区', town: '南台' },
  { cell: [3, 3], area: 'E', name: '梅林地区', town: '梅林' },
];

export interface DemoOrganization {
  name: string;
  kana: string;
  type: OrganizationType;
  /** Index into DISTRICTS. */
  district: number;
  description: string;
  contactPerson?: string;
  web?: string;
}

const T = OrganizationType;

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    name: 'みどり市社会福祉協議会',
    kana: 'ミドリシシャカイフクシキョウギカイ',
    type: T.SOCIAL_WELFARE_COUNCIL,
    district: 6,
    description: '地域福祉コーディネーターが地域の居場所づくりと参加支援を行っています。',
    contactPerson: '地域福祉課',
    web: 'https://midori-shakyo.example.jp',
  },
  {
    name: 'みどり市 福祉総合相談窓口',
    kana: 'ミドリシフクシソウゴウソウダンマドグチ',
    type: T.GOVERNMENT,
    district: 7,
    description: '分野を問わず暮らしの困りごとを受け止める相談窓口です。',
  },
  {
    name: 'NPO法人 みどりの風',
    kana: 'ミドリノカゼ',
    type: T.NPO,
    district: 0,
    description: 'ひきこもり経験者と家族のための居場所と家族会を運営しています。',
    contactPerson: '事務局',
    web: 'https://midorinokaze.example.jp',
  },
  {
    name: 'NPO法人 ひだまりの家',
    kana: 'ヒダマリノイエ',
    type: T.NPO,
    district: 9,
    description: '誰でも立ち寄れる常設の居場所。お茶を飲みに来るだけでも大丈夫です。',
  },
  {
    name: 'NPO法人 つむぎ',
    kana: 'ツムギ',
    type: T.NPO,
    district: 8,
    description: '短時間の就労体験と中間的就労の場をつくっています。',
  },
  {
    name: 'NPO法人 こども未来ネット',
    kana: 'コドモミライネット',
    type: T.NPO,
    district: 12,
    description: '子ども食堂と学習支援、ヤングケアラーの交流会を開いています。',
  },
  {
    name: 'NPO法人 多文化ひろば みどり',
    kana: 'タブンカヒロバミドリ',
    type: T.NPO,
    district: 7,
    description: '外国にルーツのある子どもと家族のサロンと日本語教室。',
  },
  {
    name: 'NPO法人 こころのカフェ',
    kana: 'ココロノカフェ',
    type: T.NPO,
    district: 3,
    description: '哲学カフェやピアサポートの集いを開いています。',
  },
  {
    name: 'NPO法人 スマホよろず相談室',
    kana: 'スマホヨロズソウダンシツ',
    type: T.NPO,
    district: 13,
    description: 'スマホ相談会。参加者が次は相談員になる仕組みです。',
  },
  {
    name: '社会福祉法人 わかば会',
    kana: 'ワカバカイ',
    type: T.SOCIAL_WELFARE_CORPORATION,
    district: 1,
    description: '特別養護老人ホームわかば苑を運営。清掃や配膳のボランティアを受け入れています。',
  },
  {
    name: '社会福祉法人 さくら福祉会',
    kana: 'サクラフクシカイ',
    type: T.SOCIAL_WELFARE_CORPORATION,
    district: 9,
    description: '就労継続支援B型事業所「カフェさくら」を運営しています。',
  },
  {
    name: '社会福祉法人 やまびこ',
    kana: 'ヤマビコ',
    type: T.SOCIAL_WELFARE_CORPORATION,
    district: 13,
    description: '障害のある人の地域活動支援センター。切手の仕分け作業があります。',
  },
  {
    name: '緑ヶ丘町会',
    kana: 'ミドリガオカチョウカイ',
    type: T.NEIGHBORHOOD_ASSOCIATION,
    district: 0,
    description: '町会だよりの折り込み（年3回）と防災訓練の手伝いを募集しています。',
  },
  {
    name: '朝日台自治会',
    kana: 'アサヒダイジチカイ',
    type: T.NEIGHBORHOOD_ASSOCIATION,
    district: 3,
    description: '公園の清掃と花壇の手入れを月1回行っています。',
  },
  {
    name: '川辺町会',
    kana: 'カワベチョウカイ',
    type: T.NEIGHBORHOOD_ASSOCIATION,
    district: 10,
    description: '河川敷の清掃と夏祭りの準備。',
  },
  {
    name: '本町商店会',
    kana: 'ホンチョウショウテンカイ',
    type: T.NEIGHBORHOOD_ASSOCIATION,
    district: 6,
    description: '商店街の空き店舗を使った多世代交流スペースを運営しています。',
  },
  {
    name: '南台住民協議会',
    kana: 'ミナミダイジュウミンキョウギカイ',
    type: T.RESIDENTS_GROUP,
    district: 14,
    description: '介護予防の通いの場とお茶会を開いています。',
  },
  {
    name: 'なごみの家 栄町',
    kana: 'ナゴミノイエサカエチョウ',
    type: T.RESIDENTS_GROUP,
    district: 8,
    description: '住民が運営する多機能の居場所。パンの販売もあります。',
  },
  {
    name: 'つどい～の 北野',
    kana: 'ツドイーノキタノ',
    type: T.RESIDENTS_GROUP,
    district: 2,
    description: '誰でも来られる常設の居場所。イベントはなく、お茶だけの日もあります。',
  },
  {
    name: '水元ふれあいサロン',
    kana: 'ミズモトフレアイサロン',
    type: T.RESIDENTS_GROUP,
    district: 12,
    description: '孤立を防ぐためのサロン。毎週木曜の午後に開いています。',
  },
  {
    name: '梅林おしゃべりサロン',
    kana: 'ウメバヤシオシャベリサロン',
    type: T.RESIDENTS_GROUP,
    district: 15,
    description: '話すのが苦手でも、いるだけで大丈夫なサロンです。',
  },
  {
    name: 'みどり家族会',
    kana: 'ミドリカゾクカイ',
    type: T.RESIDENTS_GROUP,
    district: 6,
    description: 'ひきこもりの家族が第2土曜に集まる家族会です。',
  },
  {
    name: 'コーヒー淹れ隊 みどり',
    kana: 'コーヒーイレタイミドリ',
    type: T.VOLUNTEER_GROUP,
    district: 7,
    description: '地域の会合でコーヒーを淹れるボランティアグループ。',
  },
  {
    name: 'みどり花と緑の会',
    kana: 'ミドリハナトミドリノカイ',
    type: T.VOLUNTEER_GROUP,
    district: 4,
    description: '駅前花壇と公園の手入れをしています。',
  },
  {
    name: '朗読ボランティア こだま',
    kana: 'ロウドクボランティアコダマ',
    type: T.VOLUNTEER_GROUP,
    district: 5,
    description: '広報の音訳と朗読会を行っています。',
  },
  {
    name: 'おもちゃ病院 みどり',
    kana: 'オモチャビョウインミドリ',
    type: T.VOLUNTEER_GROUP,
    district: 11,
    description: '壊れたおもちゃを直すボランティア。手仕事が好きな人歓迎。',
  },
  {
    name: '光明寺',
    kana: 'コウミョウジ',
    type: T.TEMPLE_OR_SHRINE,
    district: 10,
    description: '境内の清掃ボランティアと、依存症の方のピアの集いに場所を提供しています。',
  },
  {
    name: '妙福寺',
    kana: 'ミョウフクジ',
    type: T.TEMPLE_OR_SHRINE,
    district: 14,
    description: '男性のための養蜂活動を境内で行っています。',
  },
  {
    name: '山手八幡神社',
    kana: 'ヤマテハチマンジンジャ',
    type: T.TEMPLE_OR_SHRINE,
    district: 13,
    description: '例大祭の準備と境内の落ち葉掃き。',
  },
  {
    name: 'さくら農園',
    kana: 'サクラノウエン',
    type: T.FARM,
    district: 11,
    description: '野菜の収穫と袋詰めの手伝い（体力を使います）。',
  },
  {
    name: '川辺ファーム',
    kana: 'カワベファーム',
    type: T.FARM,
    district: 10,
    description: '小さな畑での農作業体験。見学だけでも歓迎です。',
  },
  {
    name: '梅林果樹園',
    kana: 'ウメバヤシカジュエン',
    type: T.FARM,
    district: 15,
    description: '梅の収穫と梅干しづくりの季節作業。',
  },
  {
    name: '喫茶ひだまり',
    kana: 'キッサヒダマリ',
    type: T.SHOP,
    district: 6,
    description: '仕込みの手伝いを1～2時間から。少しずつ時間を延ばせます。',
  },
  {
    name: 'ベーカリー麦の穂',
    kana: 'ベーカリームギノホ',
    type: T.SHOP,
    district: 8,
    description: 'パンの袋詰めと店頭販売の体験。',
  },
  {
    name: 'みどり駅前書店',
    kana: 'ミドリエキマエショテン',
    type: T.SHOP,
    district: 7,
    description: '本の整理と棚づくりの短時間作業。',
  },
  {
    name: 'リサイクルショップ えん',
    kana: 'リサイクルショップエン',
    type: T.SHOP,
    district: 9,
    description: '寄付品の仕分けと値付け。静かな作業です。',
  },
  {
    name: '株式会社みどり印刷',
    kana: 'ミドリインサツ',
    type: T.COMPANY,
    district: 5,
    description: '封入・封かんなどの軽作業の就労体験を受け入れています。',
  },
  {
    name: '株式会社グリーンクリーン',
    kana: 'グリーンクリーン',
    type: T.COMPANY,
    district: 4,
    description: 'ビル清掃の短時間就労。',
  },
  {
    name: 'みどり市立中央図書館',
    kana: 'ミドリシリツチュウオウトショカン',
    type: T.GOVERNMENT,
    district: 7,
    description: '配架ボランティアと読み聞かせの会。',
  },
  {
    name: 'みどり市シルバー人材センター',
    kana: 'ミドリシシルバージンザイセンター',
    type: T.OTHER,
    district: 6,
    description: '高齢者の就業機会と地域の仕事の仲介。',
  },
  {
    name: 'みどり中央クリニック',
    kana: 'ミドリチュウオウクリニック',
    type: T.MEDICAL,
    district: 7,
    description: 'デイケアとこころの健康の相談日。',
  },
  {
    name: 'みどり市立若葉小学校',
    kana: 'ミドリシリツワカバショウガッコウ',
    type: T.SCHOOL,
    district: 1,
    description: '放課後の学習支援ボランティアを募集しています。',
  },
  {
    name: '東原ふれあい食堂',
    kana: 'ヒガシハラフレアイショクドウ',
    type: T.RESIDENTS_GROUP,
    district: 4,
    description: '地域食堂として誰でも利用できる子ども食堂。',
  },
  {
    name: '日の出写真クラブ',
    kana: 'ヒノデシャシンクラブ',
    type: T.VOLUNTEER_GROUP,
    district: 5,
    description: '地域の行事を撮影して記録するクラブ。',
  },
];
