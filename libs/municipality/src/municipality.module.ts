import { Module } from '@nestjs/common';
import { AreaRepository } from './area.repository';
import { AreaResolver } from './area.resolver';
import { AreaService } from './area.service';
import { MunicipalityLoaders } from './municipality.loaders';
import { MunicipalityRepository } from './municipality.repository';
import { MunicipalityResolver } from './municipality.resolver';
import { MunicipalityService } from './municipality.service';

/** Municipalities (tenants) and their area hierarchy (圏域). */
@Module({
  providers: [
    MunicipalityRepository,
    MunicipalityService,
    MunicipalityResolver,
    AreaRepository,
    AreaService,
    AreaResolver,
    MunicipalityLoaders,
  ],
  exports: [MunicipalityService, AreaService],
})
export class MunicipalityModule {}
