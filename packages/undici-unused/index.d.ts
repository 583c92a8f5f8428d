// Types of the stand-in: only what @actions/http-client's declarations name.
export declare const UNDICI_LEFT_OUT: string
export declare class ProxyAgent {
  constructor(options?: unknown)
}
