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
import { ORGANIZATION_BY_ID, OrganizationModel } from '@app/organization';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AddHostNeedInput, HostNeedsArgs } from './dto/host-need.input';
import { HostNeedService } from './host-need.service';
import { HostNeedModel } from './models/host-need.model';

const HostNeedConnection = Connection(HostNeedModel, 'HostNeed');

@Resolver(() => HostNeedModel)
export class HostNeedResolver {
  constructor(private readonly service: HostNeedService) {}

  @Public()
  @Query(() => HostNeedConnection, {
    description: 'What host organisations need (people, things, places, money), newest first.',
  })
  async hostNeeds(@Args() args: HostNeedsArgs): Promise<Page<HostNeedModel>> {
    return mapPage(await this.service.page(args), HostNeedModel.from);
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => HostNeedModel)
  async addHostNeed(@Args('input') input: AddHostNeedInput): Promise<HostNeedModel> {
    return HostNeedModel.from(await this.service.add(input));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => HostNeedModel, { description: 'The need is met; it leaves the open list.' })
  async closeHostNeed(@UuidArg('id') id: string): Promise<HostNeedModel> {
    return HostNeedModel.from(await this.service.close(id));
  }

  @ResolveField(() => OrganizationModel)
  async organization(
    @Parent() need: HostNeedModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<OrganizationModel> {
    return OrganizationModel.from(
      (await loaders.get(ORGANIZATION_BY_ID).load(need.organizationId))!,
    );
  }
}
