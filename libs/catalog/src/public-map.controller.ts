import { BadUserInputException, Public } from '@app/common';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicMapQuery, PublicMapService } from './public-map.service';

/** Open data for the residents' map; no sign-in. */
@Public()
@Controller('public')
export class PublicMapController {
  constructor(private readonly map: PublicMapService) {}

  @Get('resources.geojson')
  async resources(@Query() query: PublicMapQuery, @Res() res: Response): Promise<void> {
    try {
      const collection = await this.map.features(query);
      res
        .status(200)
        .type('application/geo+json')
        .setHeader('Cache-Control', 'public, max-age=60')
        .send(JSON.stringify(collection));
    } catch (error) {
      if (!(error instanceof BadUserInputException)) throw error;
      const [first] = error.fieldErrors;
      res
        .status(400)
        .json({ statusCode: 400, code: error.code, field: first.field, message: first.message });
    }
  }
}
