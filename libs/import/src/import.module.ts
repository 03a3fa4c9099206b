import { CatalogModule } from '@app/catalog';
import { OrganizationModule } from '@app/organization';
import { Module } from '@nestjs/common';
import { CatalogExport, CatalogExportController } from './catalog-export';
import { CatalogRecordsRepository } from './catalog-records.repository';
import { ImportRepository } from './import.repository';
import { ImportResolver } from './import.resolver';
import { ImportService } from './import.service';

/** Spreadsheets in and out: the catalogue import (CSV, Shift_JIS, xlsx) and its export. */
@Module({
  imports: [CatalogModule, OrganizationModule],
  providers: [
    ImportService,
    ImportRepository,
    CatalogRecordsRepository,
    CatalogExport,
    ImportResolver,
  ],
  controllers: [CatalogExportController],
  exports: [ImportService, CatalogExport],
})
export class ImportModule {}
