import { byKeys, LoaderKey, LoaderRegistry } from '@app/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { OrganizationEntity } from './organization.entity';
import { OrganizationRepository } from './organization.repository';

export const ORGANIZATION_BY_ID = new LoaderKey<string, OrganizationEntity | null>(
  'organizationById',
);

@Injectable()
export class OrganizationLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly organizations: OrganizationRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(ORGANIZATION_BY_ID, async (ids) =>
      byKeys(ids, await this.organizations.findByIds(ids), (o) => o.id),
    );
  }
}
