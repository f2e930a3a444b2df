declare const __VERSION__: string;
/** package.json's version (esbuild defines it); `0.0.0-dev` when run from source. */
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
