import { AppConfig, loadConfig } from '@app/common';
import { createApp } from '../../apps/api/src/bootstrap';
import type { INestApplication } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { TestDatabase, testDatabase } from './test-database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: {
      code?: string;
      field?: string;
      errors?: { field: string; message: string }[];
      [k: string]: unknown;
    };
  }[];
}

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Counts the SQL statements the app sends while `fn` runs. */
  countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  close(): Promise<void>;
}

/** Starts the real api on a free port of 127.0.0.1, against the test database or another one. */
export async function startTestApp(
  database: TestDatabase = testDatabase(),
  env: Record<string, string> = {},
  logDestination?: NodeJS.WritableStream,
): Promise<TestApp> {
  const config: AppConfig = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // Suites send many requests from one address; the rate-limit tests set their own budgets.
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  const app = await createApp(config, database, logDestination);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const dataSource = app.get(DataSource);

  const recorded: string[] = [];
  let recording = false;
  const counter: EntitySubscriberInterface = {
    beforeQuery: (event) => {
      if (recording) recorded.push(event.query);
    },
  };
  dataSource.subscribers.push(counter);

  return {
    app,
    baseUrl,
    dataSource,
    async gql(query, variables, headers) {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async countQueries(fn) {
      recorded.length = 0;
      recording = true;
      try {
        const result = await fn();
        return { result, statements: [...recorded] };
      } finally {
        recording = false;
      }
    },
    close: () => app.close(),
  };
}

/** The single error of a response, failing loudly when there is not exactly one. */
export function onlyError(res: GraphQLResponse) {
  if (!res.errors || res.errors.length !== 1) {
    throw new Error(`expected exactly one error, got ${JSON.stringify(res.errors ?? res.data)}`);
  }
  return res.errors[0];
}
