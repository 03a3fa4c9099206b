/** A problem with one field of the caller's input, in words a coordinator understands. */
export interface FieldError {
  /** Path of the field in the input, e.g. `name`, `location.latitude`, `boundary`. */
  field: string;
  message: string;
}

export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'TOO_MANY_REQUESTS'
  | 'TIMEOUT';

/**
 * Base class of every error a domain raises on purpose. It is mapped to a GraphQL error with
 * `extensions.code` in one place (format-graphql-error.ts); any other error becomes a generic
 * internal error whose details stay in the server log.
 */
export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Invalid input. Names every offending field; the message is the first field's. */
export class BadUserInputException extends DomainException {
  constructor(fieldErrors: FieldError[]) {
    if (fieldErrors.length === 0) throw new Error('BadUserInputException needs at least one field');
    super('BAD_USER_INPUT', fieldErrors.map((e) => e.message).join(' / '), fieldErrors);
  }

  static field(field: string, message: string): BadUserInputException {
    return new BadUserInputException([{ field, message }]);
  }
}

export class NotFoundException extends DomainException {
  constructor(what: string, field?: string) {
    super(
      'NOT_FOUND',
      `${what}が見つかりません`,
      field ? [{ field, message: `${what}が見つかりません` }] : [],
    );
  }
}

/** No valid sign-in where one is needed, or a sign-in that failed (never says which part was wrong). */
export class UnauthenticatedException extends DomainException {
  constructor(message = 'ログインしてください') {
    super('UNAUTHENTICATED', message);
  }
}

/** Signed in, but this role or this user may not do this. */
export class ForbiddenException extends DomainException {
  constructor(message = 'この操作を行う権限がありません') {
    super('FORBIDDEN', message);
  }
}

/** Too many requests (or sign-in attempts) in a short time. */
export class TooManyRequestsException extends DomainException {
  constructor(
    readonly retryAfterSeconds: number,
    message = `リクエストが多すぎます。${retryAfterSeconds}秒ほど待ってからもう一度お試しください`,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}
