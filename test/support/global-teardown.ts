export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TEST_DB__;
  if (!state) return;
  for (const db of state.scratch.values()) await db.stop();
  await new Promise((resolve) => (state.broker ? state.broker.close(resolve) : resolve(undefined)));
  await state.embedded?.stop();
}
