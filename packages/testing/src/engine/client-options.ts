/** The adapter settings that point an adapter at an emulator: `apixo(emulator.providerSettings)`. */
export interface EmulatorProviderSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/**
 * Client options that match an emulator's pace: spread them into `createImageClient({ ...clientOptions })` and
 * the client polls on the vendor's schedule scaled by the emulator's `timeScale`, finding tasks done as soon as
 * it would against the vendor. (Structural: it fits `ImageClientOptions` without importing the client.)
 */
export interface EmulatorClientOptions {
  readonly poll: { readonly timeScale: number };
}

/**
 * The slowest pace handed to a client: an emulator at time scale 0 finishes tasks at once, and a client polling
 * at scale 0 would poll in a busy loop; at 0.001 a 3 s interval is 3 ms.
 */
export const MIN_CLIENT_TIME_SCALE = 0.001;

export function clientOptionsFor(timeScale: number): EmulatorClientOptions {
  return { poll: { timeScale: Math.max(timeScale, MIN_CLIENT_TIME_SCALE) } };
}
