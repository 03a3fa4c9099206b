import {
  assertManages,
  ChangeFeed,
  NotFoundException,
  Page,
  resolveMunicipalityId,
  stripUndefined,
  toGeoJSONPoint,
} from '@app/common';
import { AreaService, MunicipalityService } from '@app/municipality';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  CreateOrganizationInput,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './dto/organization.input';
import { OrganizationEntity } from './organization.entity';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly municipalities: MunicipalityService,
    private readonly areas: AreaService,
    private readonly changes: ChangeFeed,
  ) {}

  async get(id: string): Promise<OrganizationEntity> {
    const found = await this.organizations.findById(id);
    if (!found) throw new NotFoundException('団体', 'id');
    return found;
  }

  /** For other domains: the organisation, if it belongs to the municipality. */
  async findInMunicipality(
    municipalityId: string,
    id: string,
    em: EntityManager,
  ): Promise<OrganizationEntity | null> {
    const found = await this.organizations.findById(id, em);
    return found?.municipalityId === municipalityId ? found : null;
  }

  page(args: OrganizationsArgs): Promise<Page<OrganizationEntity>> {
    return this.organizations.page({
      ...args,
      municipalityId: resolveMunicipalityId(args.municipalityId),
    });
  }

  /** Inside the caller's transaction when `em` is given (an import creates hosts as it goes). */
  async create(input: CreateOrganizationInput, em?: EntityManager): Promise<OrganizationEntity> {
    assertManages(input.municipalityId);
    const work = async (em: EntityManager) => {
      await this.municipalities.requireExisting(input.municipalityId, em);
      const { location, areaId, ...fields } = input;
      return this.organizations.save(
        {
          ...fields,
          municipalityId: input.municipalityId,
          location: location ? toGeoJSONPoint(location) : null,
          areaId: await this.placeIn(
            input.municipalityId,
            areaId ?? undefined,
            location ?? null,
            em,
          ),
        },
        em,
      );
    };
    return em ? work(em) : this.dataSource.transaction(work);
  }

  async update(id: string, input: UpdateOrganizationInput): Promise<OrganizationEntity> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.organizations.findForUpdate(id, em);
      if (!current) throw new NotFoundException('団体', 'id');
      assertManages(current.municipalityId, current.id);
      const { location, areaId, ...fields } = input;
      const next: Partial<OrganizationEntity> = { ...current, ...stripUndefined(fields) };
      if (location !== undefined) next.location = location ? toGeoJSONPoint(location) : null;
      if (areaId !== undefined || location) {
        next.areaId = await this.placeIn(
          current.municipalityId,
          areaId ?? undefined,
          location ?? null,
          em,
        );
      }
      const saved = await this.organizations.save(next, em);
      await this.changes.publish({ organizationIds: [id] }, em);
      return saved;
    });
  }

  /** The area a row belongs to: the one chosen, else the innermost area covering its point. */
  private async placeIn(
    municipalityId: string,
    areaId: string | undefined,
    location: { latitude: number; longitude: number } | null,
    em: EntityManager,
  ): Promise<string | null> {
    if (areaId) return (await this.areas.requireInMunicipality(municipalityId, areaId, em)).id;
    if (location) return (await this.areas.innermostAt(municipalityId, location, em))?.id ?? null;
    return null;
  }
}
