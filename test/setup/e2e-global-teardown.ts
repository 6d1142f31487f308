import './aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
export default async function teardown(): Promise<void> {
  const started: { stop(): Promise<void> }[] = (globalThis as any).__ECO_STACK__ ?? [];
  for (const s of started.reverse()) await s.stop().catch(() => undefined);
}
