import { MunicipalityModule } from '@app/municipality';
import { Module } from '@nestjs/common';
import { OrganizationLoaders } from './organization.loaders';
import { OrganizationRepository } from './organization.repository';
import { OrganizationResolver } from './organization.resolver';
import { OrganizationService } from './organization.service';

/** Host organisations (受け入れ先). */
@Module({
  imports: [MunicipalityModule],
  providers: [
    OrganizationRepository,
    OrganizationService,
    OrganizationResolver,
    OrganizationLoaders,
  ],
  exports: [OrganizationService],
})
export class OrganizationModule {}
