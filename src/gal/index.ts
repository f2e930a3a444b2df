/**
 * google-auth-library, bundled on its own into dist/gal.js so the extension loads it only when a credential config
 * is first checked (activation stays fast). Nothing here touches the network: `fromJSON` only builds a client.
 */
export { ExternalAccountClient } from 'google-auth-library';
