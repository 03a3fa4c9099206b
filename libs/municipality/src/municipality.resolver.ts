import { Connection, mapPage, Page, PageArgs, Public, Roles, UuidArg } from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UpdateMunicipalityInput } from './dto/municipality.input';
import { MunicipalityModel } from './models/municipality.model';
import { MunicipalityService } from './municipality.service';

const MunicipalityConnection = Connection(MunicipalityModel, 'Municipality');

@Resolver(() => MunicipalityModel)
export class MunicipalityResolver {
  constructor(private readonly service: MunicipalityService) {}

  @Public()
  @Query(() => MunicipalityConnection)
  async municipalities(@Args() args: PageArgs): Promise<Page<MunicipalityModel>> {
    return mapPage(await this.service.page(args), MunicipalityModel.from);
  }

  @Public()
  @Query(() => MunicipalityModel)
  async municipality(@UuidArg('id') id: string): Promise<MunicipalityModel> {
    return MunicipalityModel.from(await this.service.get(id));
  }

  @Roles('ADMIN')
  @Mutation(() => MunicipalityModel)
  async updateMunicipality(
    @UuidArg('id') id: string,
    @Args('input') input: UpdateMunicipalityInput,
  ): Promise<MunicipalityModel> {
    return MunicipalityModel.from(await this.service.update(id, input));
  }
}
