export * from './candidate.entities';
export * from './candidate.module';
export * from './candidate.service';
export * from './consent.service';
export * from './consent-hooks';
export * from './consent-scope';
export * from './profile/candidate-profile';
