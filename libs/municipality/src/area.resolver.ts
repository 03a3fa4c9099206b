import {
  Connection,
  Loaders,
  mapPage,
  OptionalUuidArg,
  Page,
  PointInput,
  Public,
  RequestLoaders,
  resolveMunicipalityId,
  Roles,
  UuidArg,
} from '@app/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AreaService } from './area.service';
import { AreasArgs, CreateAreaInput, UpdateAreaInput } from './dto/area.input';
import { AreaModel } from './models/area.model';
import { MunicipalityModel } from './models/municipality.model';
import { AREA_BY_ID, AREAS_BY_PARENT_ID, MUNICIPALITY_BY_ID } from './municipality.loaders';

const AreaConnection = Connection(AreaModel, 'Area');

@Resolver(() => AreaModel)
export class AreaResolver {
  constructor(private readonly service: AreaService) {}

  @Public()
  @Query(() => AreaConnection)
  async areas(@Args() args: AreasArgs): Promise<Page<AreaModel>> {
    return mapPage(await this.service.page(args), AreaModel.from);
  }

  @Public()
  @Query(() => AreaModel)
  async area(@UuidArg('id') id: string): Promise<AreaModel> {
    return AreaModel.from(await this.service.get(id));
  }

  @Public()
  @Query(() => AreaModel, {
    nullable: true,
    description: 'The innermost area covering a point, if any.',
  })
  async areaAt(
    @Args('point') point: PointInput,
    @OptionalUuidArg('municipalityId', "Defaults to the request's municipality.")
    municipalityId?: string,
  ): Promise<AreaModel | null> {
    const found = await this.service.innermostAt(resolveMunicipalityId(municipalityId), point);
    return found && AreaModel.from(found);
  }

  @Roles('ADMIN')
  @Mutation(() => AreaModel)
  async createArea(@Args('input') input: CreateAreaInput): Promise<AreaModel> {
    return AreaModel.from(await this.service.create(input));
  }

  @Roles('ADMIN')
  @Mutation(() => AreaModel)
  async updateArea(
    @UuidArg('id') id: string,
    @Args('input') input: UpdateAreaInput,
  ): Promise<AreaModel> {
    return AreaModel.from(await this.service.update(id, input));
  }

  @ResolveField(() => MunicipalityModel)
  async municipality(
    @Parent() area: AreaModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<MunicipalityModel> {
    const m = await loaders.get(MUNICIPALITY_BY_ID).load(area.municipalityId);
    return MunicipalityModel.from(m!);
  }

  @ResolveField(() => AreaModel, { nullable: true })
  async parent(
    @Parent() area: AreaModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<AreaModel | null> {
    if (!area.parentId) return null;
    const parent = await loaders.get(AREA_BY_ID).load(area.parentId);
    return parent && AreaModel.from(parent);
  }

  @ResolveField(() => [AreaModel])
  async children(
    @Parent() area: AreaModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<AreaModel[]> {
    return (await loaders.get(AREAS_BY_PARENT_ID).load(area.id)).map(AreaModel.from);
  }
}
