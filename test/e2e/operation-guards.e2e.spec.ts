import { ACCESS_METADATA, AccessRule, describeAccess } from '@app/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { startTestApp, TestApp } from '../support/test-app';

const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';

/**
 * Deny by default, checked at build time: every Query and Mutation of the schema and every HTTP
 * route declares who may call it, and the declarations are a snapshot in the repository, so a new
 * operation without a rule (or a rule that quietly widens) fails this test until it is reviewed.
 */
describe('every operation declares its guard', () => {
  let t: TestApp;
  let declared: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    declared = {};
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of [...module.providers.values(), ...module.controllers.values()]) {
        const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
        if (!type?.prototype || !wrapper.instance) continue;
        const classRule = Reflect.getMetadata(ACCESS_METADATA, type) as AccessRule | undefined;
        const isController = Reflect.getMetadata(PATH_METADATA, type) !== undefined;
        for (const key of Object.getOwnPropertyNames(type.prototype)) {
          const method: unknown = Object.getOwnPropertyDescriptor(type.prototype, key)?.value;
          if (key === 'constructor' || typeof method !== 'function') continue;
          const rule =
            (Reflect.getMetadata(ACCESS_METADATA, method) as AccessRule | undefined) ?? classRule;
          const kind = Reflect.getMetadata(RESOLVER_TYPE, method) as string | undefined;
          if (kind === 'Query' || kind === 'Mutation' || kind === 'Subscription') {
            const name = (Reflect.getMetadata(RESOLVER_NAME, method) as string | undefined) ?? key;
            declared[`${kind}.${name}`] = describeAccess(rule);
          } else if (isController && Reflect.getMetadata(PATH_METADATA, method) !== undefined) {
            declared[`HTTP ${type.name}.${key}`] = describeAccess(rule);
          }
        }
      }
    }
  });
  afterAll(() => t?.close());

  it('finds a declaration for every field of Query and Mutation in the schema', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
    ].sort();
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((f) => !(f in declared))).toEqual([]);
  });

  it('leaves no operation without a rule', () => {
    expect(Object.entries(declared).filter(([, rule]) => rule === 'NONE')).toEqual([]);
  });

  it('matches the reviewed list of who may call what', () => {
    const sorted = Object.fromEntries(
      Object.entries(declared).sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(sorted).toMatchSnapshot();
  });

  it('refuses a role-guarded operation to an anonymous caller', async () => {
    const res = await t.gql('{ candidates { totalCount } }');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
