import { CandidateModule } from '@app/candidate';
import { CatalogModule } from '@app/catalog';
import { Module } from '@nestjs/common';
import { MatchingRepository } from './matching.repository';
import { MatchingResolver } from './matching.resolver';
import { MatchingService } from './matching.service';

@Module({
  imports: [CandidateModule, CatalogModule],
  providers: [MatchingRepository, MatchingService, MatchingResolver],
  exports: [MatchingService],
})
export class MatchingModule {}
