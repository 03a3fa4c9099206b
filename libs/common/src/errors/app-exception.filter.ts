import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * GraphQL errors go on untouched to Apollo's formatError (format-graphql-error.ts), which alone
 * decides what the client sees and logs a sanitised description; Nest would otherwise log the raw
 * error, database parameters included, a second time. HTTP routes keep Nest's handling.
 */
@Catch()
export class AppExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
