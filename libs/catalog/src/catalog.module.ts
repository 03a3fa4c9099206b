import { MunicipalityModule } from '@app/municipality';
import { OrganizationModule } from '@app/organization';
import { Module } from '@nestjs/common';
import { CatalogLoaders } from './catalog.loaders';
import { HostNeedRepository } from './host-need.repository';
import { HostNeedResolver } from './host-need.resolver';
import { HostNeedService } from './host-need.service';
import { PublicMapController } from './public-map.controller';
import { PublicMapService } from './public-map.service';
import { ResourceRepository } from './resource.repository';
import { ResourceResolver } from './resource.resolver';
import { ResourceService } from './resource.service';
import { OccurrenceRepository } from './schedule/occurrence.repository';

/** The resource catalogue: 居場所, volunteer slots, work placements and programs. */
@Module({
  imports: [MunicipalityModule, OrganizationModule],
  controllers: [PublicMapController],
  providers: [
    ResourceRepository,
    OccurrenceRepository,
    ResourceService,
    ResourceResolver,
    CatalogLoaders,
    PublicMapService,
    HostNeedRepository,
    HostNeedService,
    HostNeedResolver,
  ],
  exports: [ResourceService, ResourceRepository],
})
export class CatalogModule {}
