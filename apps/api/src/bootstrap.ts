import { AppConfig, AppExceptionFilter, createValidationPipe, SafeTextPipe } from '@app/common';
import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { serveWebApp } from './web-app';
import { MAX_IMPORT_BYTES } from '@app/import';
import { graphqlUploadExpress } from 'graphql-upload-minimal';

/** Builds the api around a database URL. Used by `main.ts` and by the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  database: { url: string; embedded: boolean },
  logDestination?: NodeJS.WritableStream,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      config,
      databaseUrl: database.url,
      embedded: database.embedded,
      logDestination,
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // GraphQL documents and inputs are small; a larger body is refused before it is parsed.
  app.useBodyParser('json', { limit: '100kb' });
  // Files (the catalogue import) come as GraphQL multipart requests, one file, up to 20 MB. The
  // parser stops one byte past the limit (it cuts a file short silently), so the resolver sees
  // the file is too large rather than read the first 20 MB of it.
  app.use('/graphql', graphqlUploadExpress({ maxFileSize: MAX_IMPORT_BYTES + 1, maxFiles: 1 }));
  // One reverse proxy in front: its X-Forwarded-For entry, not one a client wrote, is the address.
  if (config.auth.trustProxy) app.set('trust proxy', 1);
  serveWebApp(app, config);
  app.useGlobalPipes(new SafeTextPipe(), createValidationPipe());
  app.useGlobalFilters(new AppExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  return app;
}
