import { registerEnumType } from '@nestjs/graphql';

/** Levels of the area hierarchy, outermost first (the order matters: it is the enum's sort order). */
export enum AreaLevel {
  MUNICIPALITY = 'MUNICIPALITY',
  DAILY_LIFE_AREA = 'DAILY_LIFE_AREA',
  DISTRICT = 'DISTRICT',
}

export const AREA_LEVEL_LABELS: Record<AreaLevel, string> = {
  [AreaLevel.MUNICIPALITY]: '市区町村',
  [AreaLevel.DAILY_LIFE_AREA]: '日常生活圏域',
  [AreaLevel.DISTRICT]: '地区',
};

/** The level a parent must have for an area of the given level; null: no parent allowed. */
export function parentLevelOf(level: AreaLevel): AreaLevel | null {
  switch (level) {
    case AreaLevel.MUNICIPALITY:
      return null;
    case AreaLevel.DAILY_LIFE_AREA:
      return AreaLevel.MUNICIPALITY;
    case AreaLevel.DISTRICT:
      return AreaLevel.DAILY_LIFE_AREA;
  }
}

registerEnumType(AreaLevel, {
  name: 'AreaLevel',
  description: 'municipality (市区町村) → daily-life area (日常生活圏域) → district (地区・住区)',
});
