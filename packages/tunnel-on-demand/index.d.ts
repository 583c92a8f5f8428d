import type { Agent } from 'node:http'

export type TunnelOptions = Record<string, unknown>
export function httpOverHttp(options?: TunnelOptions): Agent
export function httpsOverHttp(options?: TunnelOptions): Agent
export function httpOverHttps(options?: TunnelOptions): Agent
export function httpsOverHttps(options?: TunnelOptions): Agent
