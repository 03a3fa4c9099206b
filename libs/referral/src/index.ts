export * from './referral.entities';
export * from './referral-rules';
export * from './referral.module';
export * from './referral.service';
export * from './models/referral.models';
export * from './dto/referral.input';
