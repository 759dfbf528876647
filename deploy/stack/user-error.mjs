/** A problem the person running the launcher can fix: printed as one sentence, no stack trace. */
export class UserError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UserError';
  }
}
