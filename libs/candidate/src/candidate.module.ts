import { AuditModule } from '@app/audit';
import { MunicipalityModule } from '@app/municipality';
import { Module } from '@nestjs/common';
import { CandidateRepository } from './candidate.repository';
import { CandidateResolver } from './candidate.resolver';
import { CandidateService } from './candidate.service';
import { ConsentHooks } from './consent-hooks';
import { ConsentService } from './consent.service';

@Module({
  imports: [MunicipalityModule, AuditModule],
  providers: [
    CandidateRepository,
    CandidateService,
    ConsentService,
    ConsentHooks,
    CandidateResolver,
  ],
  exports: [CandidateService, ConsentService, ConsentHooks],
})
export class CandidateModule {}
