export function clean(version: string, options?: unknown): string | null
