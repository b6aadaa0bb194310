import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { GraphError } from './errors.js';

// jsonc-parser's error codes, said the way a person would.
const PROBLEM: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected a closing brace',
  CloseBracketExpected: 'expected a closing bracket',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'control character inside a string',
};

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

/**
 * JSON.parse, with a one-line error that says where the text stops being JSON. Node's own message
 * carries no position (and quotes the text around the error), so on failure the text is scanned
 * again with jsonc-parser, which reports the offset of the first error.
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    if (first === undefined) {
      const detail =
        error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error);
      throw new GraphError(
        `${source}: not valid JSON (${detail}): fix the file or export it again`,
        { cause: error },
      );
    }
    const { line, column } = lineAndColumn(text, first.offset);
    const code = printParseErrorCode(first.error);
    const problem = text.trim() === '' ? 'the file is empty' : (PROBLEM[code] ?? code);
    throw new GraphError(
      `${source}: not valid JSON at line ${line} column ${column} (${problem}): fix the file or export it again`,
      { cause: error },
    );
  }
}
