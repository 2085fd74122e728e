/**
 * `npm test` builds the app with these keys in the environment (package.json "build:test"),
 * so a key that leaked into a client bundle at build time would be found by secrets.spec.ts.
 */
export const BUILD_KEY_MARKER = 'nvapi-BUILDMARKER-h6-0c9d8e7f';
