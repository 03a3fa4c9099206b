import { CandidateModule } from '@app/candidate';
import { CatalogModule } from '@app/catalog';
import { Module } from '@nestjs/common';
import { ListingIndex } from './listing-index';
import { MatchingRepository } from './matching.repository';
import { MatchingResolver } from './matching.resolver';
import { MatchingService } from './matching.service';

@Module({
  imports: [CandidateModule, CatalogModule],
  providers: [MatchingRepository, ListingIndex, MatchingService, MatchingResolver],
  exports: [MatchingService],
})
export class MatchingModule {}
