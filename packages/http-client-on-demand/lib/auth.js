// The credential handlers are small classes that import nothing: the real ones, unchanged.
export * from '@actions/http-client/lib/auth'
