import { Public } from '@app/common';
import { ResourceModel, ResourceService } from '@app/catalog';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { SearchFacets, SearchResourcesArgs, SearchResultModel } from './dto/search.args';
import { SearchService } from './search.service';

@Resolver(() => SearchResultModel)
export class SearchResolver {
  constructor(
    private readonly search: SearchService,
    private readonly catalogue: ResourceService,
  ) {}

  @Public()
  @Query(() => SearchResultModel, {
    description:
      'Free-text search over the resources the caller may see, with the catalogue filters, distance, facets and highlights.',
  })
  async searchResources(@Args() args: SearchResourcesArgs): Promise<SearchResultModel> {
    const { hits, result, engine } = await this.search.search(args);
    const staleBefore = this.catalogue.staleBefore();
    return {
      edges: hits.map((h) => ({
        cursor: h.cursor,
        node: ResourceModel.from(h.entity, this.catalogue.accessFor(h.entity), staleBefore),
        highlight: { name: h.name, snippet: h.snippet },
        score: h.hit.score,
        distanceMeters: h.hit.distanceMeters,
      })),
      pageInfo: {
        hasNextPage: result.hasNextPage,
        endCursor: hits.length ? hits[hits.length - 1].cursor : null,
      },
      totalCount: result.total,
      facets: async () => SearchFacets.from(await result.facets()),
      engine,
    };
  }
}
