import { FieldError } from '../core/fields.ts';

/** A problem with what the user gave (a file, a field, a flag). The message names the field. */
export class UsageError extends FieldError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'UsageError';
  }
}
