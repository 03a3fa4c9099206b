export * from './help-offer.entity';
export * from './volunteer.module';
