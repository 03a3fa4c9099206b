import { UuidArg, Connection, mapPage, Page, PageArgs } from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateMunicipalityInput, UpdateMunicipalityInput } from './dto/municipality.input';
import { MunicipalityModel } from './models/municipality.model';
import { MunicipalityService } from './municipality.service';

const MunicipalityConnection = Connection(MunicipalityModel, 'Municipality');

@Resolver(() => MunicipalityModel)
export class MunicipalityResolver {
  constructor(private readonly service: MunicipalityService) {}

  @Query(() => MunicipalityConnection)
  async municipalities(@Args() args: PageArgs): Promise<Page<MunicipalityModel>> {
    return mapPage(await this.service.page(args), MunicipalityModel.from);
  }

  @Query(() => MunicipalityModel)
  async municipality(@UuidArg('id') id: string): Promise<MunicipalityModel> {
    return MunicipalityModel.from(await this.service.get(id));
  }

  @Mutation(() => MunicipalityModel)
  async createMunicipality(
    @Args('input') input: CreateMunicipalityInput,
  ): Promise<MunicipalityModel> {
    return MunicipalityModel.from(await this.service.create(input));
  }

  @Mutation(() => MunicipalityModel)
  async updateMunicipality(
    @UuidArg('id') id: string,
    @Args('input') input: UpdateMunicipalityInput,
  ): Promise<MunicipalityModel> {
    return MunicipalityModel.from(await this.service.update(id, input));
  }
}
