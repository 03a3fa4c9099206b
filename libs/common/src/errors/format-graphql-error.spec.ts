import { GraphQLError } from 'graphql';
import { BadUserInputException, NotFoundException } from './domain.exception';
import { formatGraphQLError, INTERNAL_ERROR_MESSAGE } from './format-graphql-error';

const formattedOf = (error: GraphQLError) => error.toJSON();

describe('formatGraphQLError', () => {
  it('keeps a domain error code, message and every field', () => {
    const original = new BadUserInputException([
      { field: 'name', message: '団体名を入力してください' },
      { field: 'location.latitude', message: '緯度は-90から90の範囲で入力してください' },
    ]);
    const error = new GraphQLError(original.message, {
      originalError: original,
      path: ['createOrganization'],
    });
    const out = formatGraphQLError(formattedOf(error), error);
    expect(out.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
      errors: [
        { field: 'name', message: '団体名を入力してください' },
        { field: 'location.latitude', message: '緯度は-90から90の範囲で入力してください' },
      ],
    });
    expect(out.path).toEqual(['createOrganization']);
  });

  it('maps not-found with its code', () => {
    const original = new NotFoundException('団体', 'id');
    const error = new GraphQLError(original.message, { originalError: original });
    expect(formatGraphQLError(formattedOf(error), error)).toMatchObject({
      message: '団体が見つかりません',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('hides an unexpected error behind a generic message with no stack or detail, and reports it', () => {
    const original = new Error('relation "organization" does not exist at /srv/app/x.js:10');
    const error = new GraphQLError(original.message, {
      originalError: original,
      extensions: { stacktrace: ['at x'] },
    });
    const reported: unknown[] = [];
    const out = formatGraphQLError(formattedOf(error), error, (e) => reported.push(e));
    expect(out.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(out)).not.toMatch(/relation|stack|\.js/);
    expect(reported).toEqual([original]);
  });

  it("keeps Apollo's own request errors readable", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatGraphQLError(formattedOf(error), error)).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
