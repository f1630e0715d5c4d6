/**
 * An error whose message is meant for the user (e.g. "not a valid backend name" on rename).
 * The server answers the request with this message instead of logging it as a bug.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
