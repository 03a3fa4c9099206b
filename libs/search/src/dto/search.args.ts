import { ResourceFilter, ResourceModel } from '@app/catalog';
import { IntInRange, msg, OptionalText, PageArgs } from '@app/common';
import {
  ArgsType,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { callThunk, PageInfo } from '@app/common';
import { FacetCount, FacetName, SearchSort } from '../search.port';

registerEnumType(SearchSort, {
  name: 'SearchSort',
  description: 'RELEVANCE (default with a query), DISTANCE (needs `near`), NAME.',
});
registerEnumType(FacetName, { name: 'FacetName' });

export const MAX_QUERY_LENGTH = 200;

@InputType({
  description: 'Where distance is measured from; with a radius, only what lies within it.',
})
export class SearchNearInput {
  @Field(() => Float)
  @IsLatitude(msg.range('緯度', -90, 90))
  latitude!: number;

  @Field(() => Float)
  @IsLongitude(msg.range('経度', -180, 180))
  longitude!: number;

  @Field(() => Int, { nullable: true, description: 'Metres, 1 to 100,000.' })
  @IsOptional()
  @IntInRange('半径（メートル）', 1, 100000)
  radiusMeters?: number;
}

@ArgsType()
export class SearchResourcesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Defaults to the request's municipality." })
  @IsOptional()
  @IsUUID('all', msg.format('自治体'))
  municipalityId?: string;

  @Field(() => String, {
    nullable: true,
    description: `Free text, at most ${MAX_QUERY_LENGTH} characters; empty lists by the filters.`,
  })
  @OptionalText('検索語', MAX_QUERY_LENGTH)
  query?: string | null;

  @Field(() => ResourceFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResourceFilter)
  filter?: ResourceFilter;

  @Field(() => SearchNearInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchNearInput)
  near?: SearchNearInput;

  @Field(() => SearchSort, { nullable: true })
  @IsOptional()
  @IsEnum(SearchSort, msg.oneOf('並び順'))
  sort?: SearchSort;
}

@ObjectType({ description: 'What matched, as HTML-escaped text with matches in <mark>…</mark>.' })
export class SearchHighlight {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'A window of the description.' })
  snippet!: string | null;
}

@ObjectType('ResourceSearchEdge')
export class SearchEdge {
  @Field()
  cursor!: string;

  @Field(() => ResourceModel)
  node!: ResourceModel;

  @Field(() => SearchHighlight)
  highlight!: SearchHighlight;

  @Field(() => Float, { nullable: true, description: 'Relevance; null without a query.' })
  score!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Metres from `near`, to the point the caller may know.',
  })
  distanceMeters!: number | null;
}

@ObjectType()
export class FacetValue {
  @Field()
  value!: string;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts over every match (all pages).' })
export class SearchFacets {
  @Field(() => [FacetValue]) kind!: FacetValue[];
  @Field(() => [FacetValue], { description: 'Areas, each counting what lies inside it.' })
  area!: FacetValue[];
  @Field(() => [FacetValue]) theme!: FacetValue[];
  @Field(() => [FacetValue], { description: 'ISO weekdays, 1 = Monday.' }) weekday!: FacetValue[];

  static from(counts: FacetCount[]): SearchFacets {
    const of = (facet: FacetName) =>
      counts
        .filter((c) => c.facet === facet)
        .map(({ value, label, count }) => ({ value, label, count }));
    return {
      kind: of(FacetName.KIND),
      area: of(FacetName.AREA),
      theme: of(FacetName.THEME),
      weekday: of(FacetName.WEEKDAY),
    };
  }
}

@ObjectType('ResourceSearchResult')
export class SearchResultModel {
  @Field(() => [SearchEdge])
  edges!: SearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { middleware: [callThunk], description: 'Matches over all pages.' })
  totalCount!: () => Promise<number>;

  @Field(() => SearchFacets, { middleware: [callThunk] })
  facets!: () => Promise<SearchFacets>;

  @Field({ description: 'The engine that answered (builtin or meilisearch).' })
  engine!: string;
}
