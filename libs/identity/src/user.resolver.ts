import { Connection, Page, PageArgs, RequiredText, Roles, UuidArg } from '@app/common';
import { Args, ArgsType, Field, Mutation, Query, Resolver } from '@nestjs/graphql';

import { CreateUserInput, UpdateUserInput } from './dto/identity.input';
import { UserStatus } from './identity.entities';
import { PasswordIssuedModel, TeamModel, UserModel } from './models/identity.models';
import { UserService } from './user.service';

const UserConnection = Connection(UserModel, 'User');

@ArgsType()
class CreateTeamArgs {
  @Field()
  @RequiredText('チーム名', 100)
  name!: string;
}

@Resolver(() => UserModel)
export class UserResolver {
  constructor(private readonly service: UserService) {}

  @Roles('ADMIN')
  @Query(() => UserConnection, { name: 'users', description: "Users of the admin's municipality" })
  users(@Args() args: PageArgs): Promise<Page<UserModel>> {
    return this.service.page(args.first, args.after);
  }

  @Roles('ADMIN')
  @Mutation(() => PasswordIssuedModel, {
    description: 'Registers a user; without a password, a temporary one is made and shown once',
  })
  async createUser(@Args('input') input: CreateUserInput): Promise<PasswordIssuedModel> {
    return Object.assign(new PasswordIssuedModel(), await this.service.create(input));
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel)
  updateUser(@UuidArg('id') id: string, @Args('input') input: UpdateUserInput): Promise<UserModel> {
    return this.service.update(id, input);
  }

  @Roles('ADMIN')
  @Mutation(() => PasswordIssuedModel, {
    description:
      'A new temporary password (shown once); the user is signed out everywhere and unlocked',
  })
  async resetPassword(@UuidArg('userId') userId: string): Promise<PasswordIssuedModel> {
    return Object.assign(new PasswordIssuedModel(), await this.service.resetPassword(userId));
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, { description: 'Disable (signs out at once) or re-enable a user' })
  setUserStatus(
    @UuidArg('userId') userId: string,
    @Args('status', { type: () => UserStatus }) status: UserStatus,
  ): Promise<UserModel> {
    return this.service.setStatus(userId, status);
  }

  @Roles('ADMIN', 'COORDINATOR')
  @Query(() => [TeamModel])
  teams(): Promise<TeamModel[]> {
    return this.service.teams();
  }

  @Roles('ADMIN')
  @Mutation(() => TeamModel)
  createTeam(@Args() args: CreateTeamArgs): Promise<TeamModel> {
    return this.service.createTeam(args.name);
  }
}
