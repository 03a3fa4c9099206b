import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/environment';
import { databaseScope } from '../context/request-context';
import { requestIdOf } from '../context/request-context.middleware';

/**
 * Structured JSON logs (pino). Each line carries the request id and tenant; request bodies,
 * GraphQL variables and authorization headers are never logged, so personal data cannot leak
 * into logs through the HTTP layer.
 */
@Module({})
export class LoggingModule {
  /** `destination`: where log lines go (standard output unless given; tests capture them). */
  static forRoot(
    config: Pick<AppConfig, 'logLevel'>,
    destination?: NodeJS.WritableStream,
  ): DynamicModule {
    const options = {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      customProps: () => {
        const scope = databaseScope();
        return { tenantId: scope?.tenantId ?? undefined, userId: scope?.userId ?? undefined };
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => req.url === '/healthz' || req.url === '/readyz',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
      exports: [LoggerModule],
    };
  }
}
