import { AuditModule } from '@app/audit';
import { MunicipalityModule } from '@app/municipality';
import { Module } from '@nestjs/common';
import { CandidateRepository } from './candidate.repository';
import { CandidateResolver } from './candidate.resolver';
import { CandidateService } from './candidate.service';
import { ConsentService } from './consent.service';

@Module({
  imports: [MunicipalityModule, AuditModule],
  providers: [CandidateRepository, CandidateService, ConsentService, CandidateResolver],
  exports: [CandidateService, ConsentService],
})
export class CandidateModule {}
