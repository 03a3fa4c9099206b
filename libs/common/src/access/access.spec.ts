import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, RequestContext, Viewer } from '../context/request-context';
import { AccessGuard, assertManages, Public, Roles } from './access';

class Undeclared {
  handler(): void {}
}
class Declared {
  @Public() open(): void {}
  @Roles('ADMIN') adminOnly(): void {}
}
@Roles('COORDINATOR')
class ClassLevel {
  inherited(): void {}
  @Public() overridden(): void {}
}

const contextFor = (type: new () => object, method: string) =>
  ({
    getClass: () => type,
    getHandler: () => (type.prototype as Record<string, unknown>)[method],
  }) as unknown as ExecutionContext;

const as = (viewer: Viewer, fn: () => unknown) =>
  RequestContext.run({ requestId: 't', defaultMunicipalityId: null, viewer }, fn);

describe('AccessGuard (deny by default)', () => {
  const guard = new AccessGuard(new Reflector());
  const admin: Viewer = { kind: 'ADMIN', userId: randomUUID(), municipalityId: randomUUID() };

  it('refuses an operation that declares nothing, even to an admin', () => {
    expect(() => as(admin, () => guard.canActivate(contextFor(Undeclared, 'handler')))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('lets anyone call a public operation', () => {
    expect(as(ANONYMOUS, () => guard.canActivate(contextFor(Declared, 'open')))).toBe(true);
  });

  it('asks an anonymous caller to sign in, and refuses another role', () => {
    expect(() => as(ANONYMOUS, () => guard.canActivate(contextFor(Declared, 'adminOnly')))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    const host: Viewer = {
      kind: 'HOST',
      userId: randomUUID(),
      municipalityId: randomUUID(),
      organizationIds: [],
    };
    expect(() => as(host, () => guard.canActivate(contextFor(Declared, 'adminOnly')))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(as(admin, () => guard.canActivate(contextFor(Declared, 'adminOnly')))).toBe(true);
  });

  it('takes a class rule for every method, and a method rule over it', () => {
    expect(() => as(admin, () => guard.canActivate(contextFor(ClassLevel, 'inherited')))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(as(ANONYMOUS, () => guard.canActivate(contextFor(ClassLevel, 'overridden')))).toBe(true);
  });
});

describe('assertManages', () => {
  const m = randomUUID();
  const org = randomUUID();
  it("lets staff change their own municipality's data, never another's", () => {
    const coordinator: Viewer = {
      kind: 'COORDINATOR',
      userId: randomUUID(),
      municipalityId: m,
      teamId: null,
      areaIds: [],
    };
    expect(as(coordinator, () => assertManages(m, org))).toBe(coordinator);
    expect(() => as(coordinator, () => assertManages(randomUUID(), org))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it("lets a host member change their organisation's data only", () => {
    const host: Viewer = {
      kind: 'HOST',
      userId: randomUUID(),
      municipalityId: m,
      organizationIds: [org],
    };
    expect(as(host, () => assertManages(m, org))).toBe(host);
    expect(() => as(host, () => assertManages(m, randomUUID()))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => as(host, () => assertManages(m))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
