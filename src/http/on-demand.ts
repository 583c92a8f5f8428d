import type { Http, HttpRequest, HttpResponse, HttpSettings, Logger } from './client.js'

/** The run's client as main hands it to the parts, plus closing it at the end. */
export interface HttpOnDemand {
  send(request: HttpRequest): Promise<HttpResponse>
  /** Closes kept-alive sockets, if a request was ever sent. */
  dispose(): void
}

/**
 * The client, loaded with the first request: its chunk brings @actions/http-client and Node's
 * https and tls, which a step that sends nothing (one served by an earlier step of the job)
 * never needs. One chunk, loaded once; every request goes through the same client.
 */
export function httpOnDemand(userAgent: string, settings: HttpSettings, log: Logger): HttpOnDemand {
  let client: Promise<Http> | undefined
  let opened: Http | undefined
  return {
    async send(request) {
      client ??= import('./client.js').then(
        ({ Http }) => (opened = new Http(userAgent, settings, log))
      )
      return (await client).send(request)
    },
    dispose() {
      opened?.dispose()
    }
  }
}
