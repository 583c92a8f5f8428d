// Stands in for @azure/storage-blob in @actions/cache's dependency tree (package.json `overrides`).
// @actions/cache imports the Azure SDK at the top of its modules, but calls it only to upload an
// archive (saveCache) and to download one with `useAzureSdk`; evaluating the SDK costs more than
// the rest of a run's start-up. These classes take the same constructor arguments, keep them, and
// load the real SDK (the `azure-storage-blob` alias, a separate chunk of the bundle) on the first
// method call, then forward every call to a real client. Only what @actions/cache 6 calls is
// forwarded; __tests__/layout/on-demand-packages.test.ts checks that list against its sources.
let sdk
const loadSdk = () => (sdk ??= import('azure-storage-blob'))

/** Parts of a blob URL the real clients expose synchronously (@actions/cache logs them). */
function urlParts(url) {
  try {
    const { hostname, pathname } = new URL(url)
    const [container = '', ...blob] = pathname.replace(/^\//, '').split('/')
    return {
      accountName: hostname.split('.')[0],
      containerName: decodeURIComponent(container),
      name: decodeURIComponent(blob.join('/'))
    }
  } catch {
    return { accountName: '', containerName: '', name: '' }
  }
}

/** How each stand-in makes its real client, and the client once made. */
const makers = new WeakMap()
const clients = new WeakMap()

class OnDemandClient {
  constructor(url, make) {
    this.url = url
    Object.assign(this, urlParts(url))
    makers.set(this, make)
  }
  /** The real client, made on the first call that needs it. */
  async real() {
    if (!clients.has(this)) clients.set(this, makers.get(this)(await loadSdk()))
    return clients.get(this)
  }
}

export class BlockBlobClient extends OnDemandClient {
  constructor(url, ...rest) {
    super(url, real => new real.BlockBlobClient(url, ...rest))
  }
  async uploadFile(...args) {
    return (await this.real()).uploadFile(...args)
  }
  async getProperties(...args) {
    return (await this.real()).getProperties(...args)
  }
  async downloadToBuffer(...args) {
    return (await this.real()).downloadToBuffer(...args)
  }
}

export class BlobClient extends OnDemandClient {
  constructor(url, ...rest) {
    super(url, real => new real.BlobClient(url, ...rest))
  }
  getBlockBlobClient() {
    const block = new BlockBlobClient(this.url)
    // The real block client comes from the real BlobClient, with its credential and pipeline.
    makers.set(block, async () => (await this.real()).getBlockBlobClient())
    return block
  }
}
