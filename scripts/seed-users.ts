/** Seeds the admin account (and, for the embedded start, demo users) — filled in with the auth module. */
import type { AppConfig } from '../libs/config/src/app-config';

export async function seedFromEnv(_config: AppConfig): Promise<string[]> {
  return [];
}
