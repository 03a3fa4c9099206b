import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import { DomainErrorCode, DomainException } from './domain.exception';

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  TIMEOUT: 503,
};

/**
 * GraphQL errors go on untouched to Apollo's formatError (format-graphql-error.ts), which alone
 * decides what the client sees and logs a sanitised description; Nest would otherwise log the raw
 * error, database parameters included, a second time. On HTTP routes a domain error is answered
 * with its status, code and words (and the field, for bad input); anything else keeps Nest's
 * handling (a bare 500).
 */
@Catch()
export class AppExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    if (exception instanceof DomainException && host.getType() === 'http') {
      const status = HTTP_STATUS[exception.code];
      host
        .switchToHttp()
        .getResponse<Response>()
        .status(status)
        .json({
          statusCode: status,
          code: exception.code,
          message: exception.message,
          ...(exception.fieldErrors[0] && { field: exception.fieldErrors[0].field }),
        });
      return;
    }
    return super.catch(exception, host);
  }
}
