import {
  Connection,
  fromGeoJSONPoint,
  GeoPoint,
  Loaders,
  mapPage,
  OptionalText,
  Page,
  Public,
  RequestLoaders,
  Roles,
  UuidArg,
} from '@app/common';
import { AREA_BY_ID, AreaModel } from '@app/municipality';
import { ORGANIZATION_BY_ID, OrganizationModel } from '@app/organization';
import {
  Args,
  ArgsType,
  Field,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import {
  CLOSURES_BY_RESOURCE_ID,
  SCHEDULES_BY_RESOURCE_ID,
  SESSIONS_BY_RESOURCE_ID,
  THEMES_BY_RESOURCE_ID,
} from './catalog.loaders';
import { ResourcesArgs } from './dto/resource-filter.input';
import { CreateResourceInput, ScheduleDraftInput, UpdateResourceInput } from './dto/resource.input';
import {
  ClosureModel,
  OccurrenceModel,
  ResourceModel,
  ScheduleModel,
  SessionModel,
  ThemeModel,
} from './models/resource.model';
import { ResourceEntity } from './resource.entity';
import { ResourceService } from './resource.service';
import { Occurrence } from './schedule/occurrence.repository';

const ResourceConnection = Connection(ResourceModel, 'Resource');

@ArgsType()
class OccurrencesArgs {
  @Field({ description: 'From this moment (inclusive of occurrences still running).' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @Field({ description: 'Up to this moment; at most 400 days after `from`.' })
  @Type(() => Date)
  @IsDate()
  to!: Date;
}

@ArgsType()
class PauseArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Why, in words shown with the listing (e.g. 夏休み).',
  })
  @OptionalText('休止の理由', 200)
  note?: string | null;
}

@ArgsType()
class VerifyArgs {
  @Field({ description: 'Who confirmed the listing (until sign-in exists, their name).' })
  @IsString()
  @IsNotEmpty({ message: '確認した人を入力してください' })
  @MaxLength(50, { message: '確認した人は50文字以内で入力してください' })
  verifiedBy!: string;
}

const hhmm = (time: string) => time.slice(0, 5);

@Resolver(() => ResourceModel)
export class ResourceResolver {
  constructor(private readonly service: ResourceService) {}

  private toModel(entity: ResourceEntity): ResourceModel {
    return ResourceModel.from(entity, this.service.accessFor(entity), this.service.staleBefore());
  }

  @Public()
  @Query(() => ResourceConnection, {
    description: 'Resources the caller may see, filtered, in pages.',
  })
  async resources(@Args() args: ResourcesArgs): Promise<Page<ResourceModel>> {
    return mapPage(await this.service.page(args), (e) => this.toModel(e));
  }

  @Public()
  @Query(() => ResourceModel)
  async resource(@UuidArg('id') id: string): Promise<ResourceModel> {
    return this.toModel(await this.service.get(id));
  }

  @Public()
  @Query(() => [ThemeModel], { description: 'The controlled taxonomy of themes.' })
  async themes(): Promise<ThemeModel[]> {
    return (await this.service.themes()).map((t) => ({ code: t.code, label: t.label }));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => ResourceModel)
  async createResource(@Args('input') input: CreateResourceInput): Promise<ResourceModel> {
    return this.toModel(await this.service.create(input));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => ResourceModel)
  async updateResource(
    @UuidArg('id') id: string,
    @Args('input') input: UpdateResourceInput,
  ): Promise<ResourceModel> {
    return this.toModel(await this.service.update(id, input));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Query(() => [OccurrenceModel], {
    description:
      'The dates a listing would have with these rules (holidays and closures applied), nothing saved: a calendar preview for the editor.',
  })
  async schedulePreview(
    @UuidArg('id') id: string,
    @Args('draft') draft: ScheduleDraftInput,
    @Args() args: OccurrencesArgs,
  ): Promise<OccurrenceModel[]> {
    return (await this.service.previewOccurrences(id, draft, args.from, args.to)).map(
      occurrenceModel,
    );
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => ResourceModel)
  async pauseResource(@UuidArg('id') id: string, @Args() args: PauseArgs): Promise<ResourceModel> {
    return this.toModel(await this.service.pause(id, args.note ?? null));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => ResourceModel)
  async resumeResource(@UuidArg('id') id: string): Promise<ResourceModel> {
    return this.toModel(await this.service.resume(id));
  }

  @Roles('ADMIN', 'COORDINATOR', 'HOST')
  @Mutation(() => ResourceModel, {
    description: 'A person confirms the listing is still accurate.',
  })
  async verifyResource(
    @UuidArg('id') id: string,
    @Args() args: VerifyArgs,
  ): Promise<ResourceModel> {
    return this.toModel(await this.service.verify(id, args.verifiedBy.trim()));
  }

  @ResolveField(() => OrganizationModel, {
    nullable: true,
    description:
      'The host; null to the public for a confidential place, whose host would reveal where it is.',
  })
  async organization(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<OrganizationModel | null> {
    if (!r.hostIsVisible) return null;
    return OrganizationModel.from((await loaders.get(ORGANIZATION_BY_ID).load(r.organizationId))!);
  }

  @ResolveField(() => AreaModel, { nullable: true })
  async area(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<AreaModel | null> {
    if (!r.areaId) return null;
    const area = await loaders.get(AREA_BY_ID).load(r.areaId);
    return area && AreaModel.from(area);
  }

  @ResolveField(() => GeoPoint, { nullable: true })
  async location(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<GeoPoint | null> {
    if (!r.locationIsApproximate) return r.location;
    const area = r.areaId ? await loaders.get(AREA_BY_ID).load(r.areaId) : null;
    return area ? fromGeoJSONPoint(area.labelPoint) : null;
  }

  @ResolveField('themes', () => [ThemeModel])
  async resourceThemes(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ThemeModel[]> {
    return (await loaders.get(THEMES_BY_RESOURCE_ID).load(r.id)).map((t) => ({
      code: t.code,
      label: t.label,
    }));
  }

  @ResolveField(() => [ScheduleModel])
  async schedules(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ScheduleModel[]> {
    return (await loaders.get(SCHEDULES_BY_RESOURCE_ID).load(r.id)).map((s) => ({
      ...s,
      opensAt: hhmm(s.opensAt),
      closesAt: hhmm(s.closesAt),
    }));
  }

  @ResolveField(() => [SessionModel], { description: 'One-off days, besides the rules.' })
  async sessions(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<SessionModel[]> {
    return (await loaders.get(SESSIONS_BY_RESOURCE_ID).load(r.id)).map((s) => ({
      ...s,
      opensAt: hhmm(s.opensAt),
      closesAt: hhmm(s.closesAt),
    }));
  }

  @ResolveField(() => [ClosureModel], { description: 'Days off, inclusive.' })
  async closures(
    @Parent() r: ResourceModel,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ClosureModel[]> {
    return loaders.get(CLOSURES_BY_RESOURCE_ID).load(r.id);
  }

  @ResolveField(() => [OccurrenceModel], {
    description: 'When it takes place, holidays and closures applied.',
  })
  async occurrences(
    @Parent() r: ResourceModel,
    @Args() args: OccurrencesArgs,
  ): Promise<OccurrenceModel[]> {
    return (await this.service.occurrencesOf([r.id], args.from, args.to)).map(occurrenceModel);
  }
}

const occurrenceModel = (o: Occurrence): OccurrenceModel => ({
  startsAt: o.startsAt,
  endsAt: o.endsAt,
  oneOff: o.sessionId !== null,
});
