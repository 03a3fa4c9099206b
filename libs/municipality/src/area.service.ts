import {
  assertManages,
  ChangeFeed,
  BadUserInputException,
  describeInvalidGeometry,
  FieldError,
  NotFoundException,
  Page,
  parseBoundary,
  resolveMunicipalityId,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import type { MultiPolygon } from 'geojson';
import { DataSource, EntityManager } from 'typeorm';
import { AREA_LEVEL_LABELS, AreaLevel, parentLevelOf } from './area-level';
import { AreaEntity } from './area.entity';
import { AreaRepository } from './area.repository';
import { AreasArgs, CreateAreaInput, UpdateAreaInput } from './dto/area.input';
import { MunicipalityService } from './municipality.service';

@Injectable()
export class AreaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreaRepository,
    private readonly municipalities: MunicipalityService,
    private readonly changes: ChangeFeed,
  ) {}

  async get(id: string): Promise<AreaEntity> {
    const found = await this.areas.findById(id);
    if (!found) throw new NotFoundException('圏域', 'id');
    return found;
  }

  page(args: AreasArgs): Promise<Page<AreaEntity>> {
    return this.areas.page({ ...args, municipalityId: resolveMunicipalityId(args.municipalityId) });
  }

  /** The innermost area covering a point, for placing organisations and resources. */
  innermostAt(
    municipalityId: string,
    point: { latitude: number; longitude: number },
    em?: EntityManager,
  ): Promise<AreaEntity | null> {
    return this.areas.innermostCovering(municipalityId, point, em);
  }

  /** For other domains: an area chosen for a row must exist in the same municipality. */
  async requireInMunicipality(
    municipalityId: string,
    areaId: string,
    em: EntityManager,
    field = 'areaId',
  ): Promise<AreaEntity> {
    const area = await this.areas.findById(areaId, em);
    if (!area || area.municipalityId !== municipalityId) {
      throw BadUserInputException.field(field, '指定された圏域がこの自治体に見つかりません');
    }
    return area;
  }

  async create(input: CreateAreaInput): Promise<AreaEntity> {
    assertManages(input.municipalityId);
    const boundary = parseBoundary(input.boundary);
    return this.dataSource.transaction(async (em) => {
      await this.municipalities.requireExisting(input.municipalityId, em);
      const problems = [
        ...(await this.parentProblems(
          input.municipalityId,
          input.level,
          input.parentId ?? null,
          em,
        )),
        ...(await this.boundaryProblems(boundary, em)),
      ];
      if (problems.length) throw new BadUserInputException(problems);
      return this.areas.save(
        {
          municipalityId: input.municipalityId,
          level: input.level,
          parentId: input.parentId ?? null,
          name: input.name,
          code: input.code ?? null,
          boundary,
        },
        em,
      );
    });
  }

  async update(id: string, input: UpdateAreaInput): Promise<AreaEntity> {
    const boundary = input.boundary === undefined ? undefined : parseBoundary(input.boundary);
    return this.dataSource.transaction(async (em) => {
      const current = await this.areas.findForUpdate(id, em);
      if (!current) throw new NotFoundException('圏域', 'id');
      assertManages(current.municipalityId);
      const problems: FieldError[] = [];
      if (input.parentId !== undefined) {
        problems.push(
          ...(await this.parentProblems(current.municipalityId, current.level, input.parentId, em)),
        );
      }
      if (boundary) problems.push(...(await this.boundaryProblems(boundary, em)));
      if (problems.length) throw new BadUserInputException(problems);
      const saved = await this.areas.save(
        {
          ...current,
          ...(input.name !== undefined && { name: input.name }),
          ...(input.code !== undefined && { code: input.code }),
          ...(input.parentId !== undefined && { parentId: input.parentId }),
          ...(boundary && { boundary }),
        },
        em,
      );
      await this.changes.publish({ areaIds: [id] }, em);
      return saved;
    });
  }

  /** The hierarchy rule: municipality → daily-life area → district, within one municipality. */
  private async parentProblems(
    municipalityId: string,
    level: AreaLevel,
    parentId: string | null,
    em: EntityManager,
  ): Promise<FieldError[]> {
    const expected = parentLevelOf(level);
    if (expected === null) {
      return parentId
        ? [
            {
              field: 'parentId',
              message: `${AREA_LEVEL_LABELS[level]}の圏域には上位の圏域を指定できません`,
            },
          ]
        : [];
    }
    const needs = `${AREA_LEVEL_LABELS[level]}の上位には${AREA_LEVEL_LABELS[expected]}を指定してください`;
    if (!parentId) return [{ field: 'parentId', message: needs }];
    const parent = await this.areas.findById(parentId, em);
    if (!parent || parent.municipalityId !== municipalityId) {
      return [{ field: 'parentId', message: '指定された上位の圏域がこの自治体に見つかりません' }];
    }
    if (parent.level !== expected) return [{ field: 'parentId', message: needs }];
    return [];
  }

  private async boundaryProblems(boundary: MultiPolygon, em: EntityManager): Promise<FieldError[]> {
    const reason = await this.areas.geometryProblem(boundary, em);
    return reason ? [{ field: 'boundary', message: describeInvalidGeometry(reason) }] : [];
  }
}
