/**
 * A long run's heartbeat (billing runs, import runs): `beat` at once, then every `ms`, one beat in flight at most (a
 * slow one is not overtaken by the next). `stop()` ends it and awaits the beat in flight: no heartbeat lands after
 * the run has stopped — two beats at once could finish out of order, the older one after the end.
 */
export async function startHeartbeat(beat: () => Promise<unknown>, ms: number): Promise<{ stop: () => Promise<void> }> {
  await beat();
  let beating: Promise<unknown> | null = null;
  const heart = setInterval(() => {
    beating ??= beat().finally(() => {
      beating = null;
    });
  }, ms);
  heart.unref();
  return {
    async stop() {
      clearInterval(heart);
      await beating;
    },
  };
}
