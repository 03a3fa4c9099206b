import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { TeamEntity, UserRole, UserStatus } from '../identity.entities';

@ObjectType('Team', { description: 'A team of coordinators (candidates belong to a team)' })
export class TeamModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  static from(t: TeamEntity): TeamModel {
    return Object.assign(new TeamModel(), { id: t.id, name: t.name });
  }
}

@ObjectType('User', {
  description: 'A person who signs in: municipality staff, a coordinator or a host member',
})
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  municipalityId!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => [ID])
  areaIds!: string[];

  @Field(() => [ID])
  organizationIds!: string[];

  @Field(() => UserStatus)
  status!: UserStatus;

  @Field({ description: 'Locked after repeated failed sign-ins, until lockedUntil' })
  locked!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lockedUntil!: Date | null;

  @Field({ description: 'An admin reset the password: a new one should be chosen' })
  mustChangePassword!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Bearer token for the Authorization header (short-lived)' })
  accessToken!: string;

  @Field(() => GraphQLISODateTime)
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Exchanged for new tokens with refreshToken(); each works once' })
  refreshToken!: string;

  @Field(() => GraphQLISODateTime)
  refreshTokenExpiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType('PasswordIssued', { description: 'A user with a temporary password, shown this once' })
export class PasswordIssuedModel {
  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => String, { nullable: true })
  temporaryPassword!: string | null;
}
