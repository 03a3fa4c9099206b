import { Module } from '@nestjs/common';
import { HsdsController } from './hsds.controller';
import { HsdsRepository } from './hsds.repository';
import { HsdsPackage } from './hsds-package';

@Module({
  providers: [HsdsRepository, HsdsPackage],
  controllers: [HsdsController],
})
export class HsdsModule {}
