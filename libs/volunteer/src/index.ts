export * from './help-offer.entity';
export * from './volunteer.module';
export * from './help-offer.service';
