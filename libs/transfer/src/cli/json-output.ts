/**
 * With --json, stdout holds exactly one JSON object, also when a command fails before its summary:
 * `{"error": {"message", "exitCode"}}`. The line on stderr and the exit code stay.
 */
import { exitCodeOf, oneLineMessage, printJson, type GlobalOptions } from '@strata/cli';

/** Whether this command already printed its JSON object (the summary of a failed run). */
let jsonPrinted = false;

/** Prints the command's one JSON object. */
export function emitJson(value: unknown): void {
  jsonPrinted = true;
  printJson(value);
}

export function withJsonError<A extends GlobalOptions>(handler: (args: A) => Promise<void>) {
  return async (args: A): Promise<void> => {
    jsonPrinted = false;
    try {
      await handler(args);
    } catch (error) {
      if (args.json && !jsonPrinted)
        emitJson({ error: { message: oneLineMessage(error), exitCode: exitCodeOf(error) } });
      throw error;
    }
  };
}
