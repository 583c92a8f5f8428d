// Types of the stand-in: the part of @azure/storage-blob that @actions/cache 6 calls.
declare class OnDemandClient {
  readonly url: string
  readonly accountName: string
  readonly containerName: string
  readonly name: string
  protected constructor(url: string, make: (sdk: unknown) => unknown)
  real(): Promise<unknown>
}
export declare class BlockBlobClient extends OnDemandClient {
  constructor(url: string, ...rest: unknown[])
  uploadFile(...args: unknown[]): Promise<unknown>
  getProperties(...args: unknown[]): Promise<unknown>
  downloadToBuffer(...args: unknown[]): Promise<unknown>
}
export declare class BlobClient extends OnDemandClient {
  constructor(url: string, ...rest: unknown[])
  getBlockBlobClient(): BlockBlobClient
}
export type BlobUploadCommonResponse = unknown
/** Blobs up to this size are read with a plain HEAD and GET, without loading the SDK. */
export declare const SMALL_BLOB_BYTES: number
