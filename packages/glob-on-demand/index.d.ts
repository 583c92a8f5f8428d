export interface Globber {
  getSearchPaths(): string[]
  glob(): Promise<string[]>
  globGenerator(): AsyncGenerator<string, void>
}
export function create(patterns: string, options?: Record<string, unknown>): Promise<Globber>
