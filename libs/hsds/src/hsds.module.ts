import { Module } from '@nestjs/common';
import { HsdsController } from './hsds.controller';
import { HsdsRepository } from './hsds.repository';

@Module({
  providers: [HsdsRepository],
  controllers: [HsdsController],
})
export class HsdsModule {}
