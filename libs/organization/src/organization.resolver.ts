import {
  Connection,
  Loaders,
  mapPage,
  Page,
  Public,
  RequestLoaders,
  Roles,
  UuidArg,
} from '@app/common';
import { AREA_BY_ID, AreaModel, MUNICIPALITY_BY_ID, MunicipalityModel } from '@app/municipality';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CreateOrganizationInput,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './dto/organization.input';
import { OrganizationModel } from './models/organization.model';
import { OrganizationService } from './organization.service';

const OrganizationConnection = Connection(OrganizationModel, 'Organization');

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @Public()
  @Query(() => OrganizationConnection)
  async organizations(@Args() args: OrganizationsArgs): Promise<Page<OrganizationModel>> {
    return mapPage(await this.service.page(args), OrganizationModel.from);
  }

  @Public()
  @Query(() => OrganizationModel)
  async organization(@UuidArg('id') id: string): Promise<OrganizationModel> {
    return OrganizationModel.from(await this.service.get(id));
  }

  @Roles('ADMIN', 'COORDINATOR')
  @Mutation(() => OrganizationModel)
  async createOrganization(
    @Args('input') input: CreateOrganizationInput,
  ): Promise<OrganizationModel> {
    return OrganizationModel.from(await this.service.create(input));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => OrganizationModel)
  async updateOrganization(
    @UuidArg('id') id: string,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<OrganizationModel> {
    return OrganizationModel.from(await this.service.update(id, input));
  }

  @ResolveField(() => MunicipalityModel)
  async municipality(
    @Parent() org: OrganizationModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<MunicipalityModel> {
    return MunicipalityModel.from(
      (await loaders.get(MUNICIPALITY_BY_ID).load(org.municipalityId))!,
    );
  }

  @ResolveField(() => AreaModel, { nullable: true })
  async area(
    @Parent() org: OrganizationModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<AreaModel | null> {
    if (!org.areaId) return null;
    const area = await loaders.get(AREA_BY_ID).load(org.areaId);
    return area && AreaModel.from(area);
  }
}
