import {
  assertManages,
  BadUserInputException,
  NotFoundException,
  Page,
  resolveMunicipalityId,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AddHostNeedInput, HostNeedsArgs } from './dto/host-need.input';
import { HostNeedEntity } from './host-need.entity';
import { HostNeedRepository } from './host-need.repository';
import { ResourceRepository } from './resource.repository';

@Injectable()
export class HostNeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly needs: HostNeedRepository,
    private readonly resources: ResourceRepository,
  ) {}

  page(args: HostNeedsArgs): Promise<Page<HostNeedEntity>> {
    return this.needs.page({
      municipalityId: resolveMunicipalityId(args.municipalityId),
      organizationId: args.organizationId,
      kinds: args.kinds,
      openOnly: args.openOnly ?? true,
      first: args.first,
      after: args.after,
    });
  }

  async add(input: AddHostNeedInput): Promise<HostNeedEntity> {
    return this.dataSource.transaction(async (em) => {
      const [org] = await em.query<{ municipality_id: string }[]>(
        `SELECT municipality_id FROM organization WHERE id = $1`,
        [input.organizationId],
      );
      if (!org)
        throw BadUserInputException.field('organizationId', '指定された団体が見つかりません');
      assertManages(org.municipality_id, input.organizationId);
      if (input.resourceId) {
        const resource = await this.resources.findById(input.resourceId, em);
        if (!resource || resource.organizationId !== input.organizationId) {
          throw BadUserInputException.field(
            'resourceId',
            '指定された活動はこの団体のものではありません',
          );
        }
      }
      return this.needs.save(
        {
          municipalityId: org.municipality_id,
          organizationId: input.organizationId,
          resourceId: input.resourceId ?? null,
          kind: input.kind,
          description: input.description,
        },
        em,
      );
    });
  }

  /** The need is met (or no longer wanted); it leaves the open list. */
  async close(id: string): Promise<HostNeedEntity> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.needs.findForUpdate(id, em);
      if (!current) throw new NotFoundException('必要なもの', 'id');
      assertManages(current.municipalityId, current.organizationId);
      return this.needs.save({ ...current, isOpen: false }, em);
    });
  }
}
