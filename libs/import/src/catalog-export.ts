import { ResourceService, visibilitiesSeenBy } from '@app/catalog';
import { RequestContext, Roles, todayInJapan } from '@app/common';
import { Controller, Get, Injectable, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { CatalogRecordsRepository } from './catalog-records.repository';
import { cellsOf, EXPORTED_COLUMNS } from './catalog-sheet';

/** The catalogue as the spreadsheet the import reads: export, edit in Excel, import again. */
@Injectable()
export class CatalogExport {
  constructor(
    private readonly records: CatalogRecordsRepository,
    private readonly resources: ResourceService,
  ) {}

  async rows(municipalityId: string): Promise<string[][]> {
    const ctx = { today: todayInJapan(), themes: await this.resources.themes() };
    const visible = visibilitiesSeenBy(RequestContext.signedIn());
    const records = await this.records.records(municipalityId, visible, null);
    return [
      EXPORTED_COLUMNS.map((c) => c.header),
      ...[...records.values()].map((r) => Object.values(cellsOf(r, ctx))),
    ];
  }

  /** UTF-8 with a byte order mark (Excel opens it as such); cells Excel would run as formulas are quoted. */
  async csv(municipalityId: string): Promise<Buffer> {
    const text = stringify(await this.rows(municipalityId), { bom: true, escape_formulas: true });
    return Buffer.from(text, 'utf8');
  }

  async xlsx(municipalityId: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('社会資源');
    const [header, ...rows] = await this.rows(municipalityId);
    sheet.addRow(header).font = { bold: true };
    // Every cell is written as a string: stored text is never run as a formula or turned into a date.
    for (const row of rows) sheet.addRow(row);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(40, Math.max(8, header[i].length * 2 + 2));
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

/** GET /catalog/export.csv and /catalog/export.xlsx: the municipality's whole catalogue. */
@Roles('ADMIN', 'COORDINATOR')
@Controller('catalog')
export class CatalogExportController {
  constructor(private readonly exporter: CatalogExport) {}

  @Get('export.csv')
  async csv(@Res() res: Response): Promise<void> {
    const municipalityId = RequestContext.signedIn().municipalityId;
    send(res, await this.exporter.csv(municipalityId), 'text/csv; charset=utf-8', 'csv');
  }

  @Get('export.xlsx')
  async xlsx(@Res() res: Response): Promise<void> {
    const municipalityId = RequestContext.signedIn().municipalityId;
    send(
      res,
      await this.exporter.xlsx(municipalityId),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'xlsx',
    );
  }
}

function send(res: Response, body: Buffer, type: string, extension: string) {
  const day = todayInJapan().replaceAll('-', '');
  res
    .status(200)
    .type(type)
    .setHeader('Content-Disposition', `attachment; filename="catalog-${day}.${extension}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(body);
}
