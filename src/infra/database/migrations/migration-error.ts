/** A refusal or failure the operator must act on; its message is the whole story, no stack needed. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}
