import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainException } from './domain.exception';
import { isStatementTimeout } from './postgres-errors';

export const INTERNAL_ERROR_MESSAGE =
  'サーバーで問題が発生しました。時間をおいてもう一度お試しください。';

/** Codes Apollo itself assigns to errors in the request (syntax, validation, variables). */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError ? error.originalError : undefined;
}

/**
 * The one place where errors become what a client sees. Domain errors keep their code, message
 * and field list; Apollo's own request errors keep their message; anything else is reported as a
 * generic internal error. Stack traces and internal details never leave the server.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal?: (error: unknown) => void,
): GraphQLFormattedError {
  const original = originalOf(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainException) {
    const [first] = original.fieldErrors;
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        ...(first ? { field: first.field, errors: original.fieldErrors } : {}),
      },
    };
  }

  // Apollo's own verdicts on the request (syntax, unknown fields, variable types) are safe to show.
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && APOLLO_CLIENT_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  // Nest's HttpException family (e.g. payload too large, thrown by guards later) carries a status.
  const status = (original as { getStatus?: () => number } | undefined)?.getStatus?.();
  if (status !== undefined && status < 500 && original instanceof Error) {
    return { ...base, message: original.message, extensions: { code: httpCode(status) } };
  }

  if (isStatementTimeout(original)) {
    return {
      ...base,
      message: '処理に時間がかかりすぎたため中止しました。条件を絞ってもう一度お試しください',
      extensions: { code: 'TIMEOUT' },
    };
  }

  onInternal?.(original ?? error);
  return {
    ...base,
    message: INTERNAL_ERROR_MESSAGE,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function httpCode(status: number): string {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    default:
      return 'BAD_REQUEST';
  }
}
