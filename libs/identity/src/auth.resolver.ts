import {
  AllowedWithTemporaryPassword,
  Public,
  RequestContext,
  SignedIn,
  UnauthenticatedException,
} from '@app/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import { AuthService, IssuedTokens } from './auth.service';
import { AuthPayloadModel, UserModel } from './models/identity.models';
import { UserService } from './user.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Sign in with an e-mail address and password' })
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
  ): Promise<AuthPayloadModel> {
    if (email.length > 254 || password.length > 200) throw new UnauthenticatedException();
    return this.payload(await this.auth.login(email, password));
  }

  @Public()
  @Mutation(() => AuthPayloadModel, {
    description: 'New tokens for a refresh token; the refresh token given stops working',
  })
  async refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadModel> {
    if (refreshToken.length > 2000) throw new UnauthenticatedException();
    return this.payload(await this.auth.refresh(refreshToken));
  }

  @SignedIn()
  @AllowedWithTemporaryPassword()
  @Mutation(() => Boolean, { description: 'Sign out: this session ends at once' })
  async logout(): Promise<boolean> {
    const sessionId = RequestContext.current()?.sessionId;
    if (sessionId) await this.auth.logout(sessionId);
    return true;
  }

  @SignedIn()
  @AllowedWithTemporaryPassword()
  @Mutation(() => Boolean, { description: 'Choose a new password; other sessions end' })
  async changePassword(
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
  ): Promise<boolean> {
    await this.users.changePassword(
      currentPassword,
      newPassword,
      RequestContext.current()?.sessionId ?? null,
    );
    return true;
  }

  @SignedIn()
  @AllowedWithTemporaryPassword()
  @Query(() => UserModel, { description: 'The signed-in user' })
  me(): Promise<UserModel> {
    return this.users.me();
  }

  private async payload(t: IssuedTokens): Promise<AuthPayloadModel> {
    return Object.assign(new AuthPayloadModel(), {
      ...t,
      user: await RequestContext.asTenant(t.user.municipalityId, () => this.users.toModel(t.user)),
    });
  }
}
