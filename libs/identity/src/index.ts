export * from './identity.entities';
export * from './auth.middleware';
export * from './auth.service';
export * from './identity.module';
export * from './password';
export * from './user.service';
export * from './models/identity.models';
