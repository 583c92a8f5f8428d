// Types of the stand-in: the part of @actions/http-client that @actions/core 3 calls.
export declare class HttpClient {
  constructor(...args: unknown[])
  real(): Promise<unknown>
  getJson<T>(...args: unknown[]): Promise<{ statusCode: number; result: T | null; headers: object }>
}
