import { registerEnumType } from '@nestjs/graphql';

/** Kinds of host organisation (受け入れ先) found in Japanese participation support. */
export enum OrganizationType {
  NPO = 'NPO',
  SOCIAL_WELFARE_COUNCIL = 'SOCIAL_WELFARE_COUNCIL',
  SOCIAL_WELFARE_CORPORATION = 'SOCIAL_WELFARE_CORPORATION',
  COMPANY = 'COMPANY',
  SHOP = 'SHOP',
  TEMPLE_OR_SHRINE = 'TEMPLE_OR_SHRINE',
  FARM = 'FARM',
  NEIGHBORHOOD_ASSOCIATION = 'NEIGHBORHOOD_ASSOCIATION',
  RESIDENTS_GROUP = 'RESIDENTS_GROUP',
  VOLUNTEER_GROUP = 'VOLUNTEER_GROUP',
  MEDICAL = 'MEDICAL',
  SCHOOL = 'SCHOOL',
  GOVERNMENT = 'GOVERNMENT',
  OTHER = 'OTHER',
}

export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  NPO: 'NPO法人',
  SOCIAL_WELFARE_COUNCIL: '社会福祉協議会',
  SOCIAL_WELFARE_CORPORATION: '社会福祉法人',
  COMPANY: '企業',
  SHOP: '商店・飲食店',
  TEMPLE_OR_SHRINE: '寺社',
  FARM: '農家・農園',
  NEIGHBORHOOD_ASSOCIATION: '町会・自治会',
  RESIDENTS_GROUP: '住民グループ',
  VOLUNTEER_GROUP: 'ボランティア団体',
  MEDICAL: '医療機関',
  SCHOOL: '学校',
  GOVERNMENT: '行政機関',
  OTHER: 'その他',
};

registerEnumType(OrganizationType, { name: 'OrganizationType' });
