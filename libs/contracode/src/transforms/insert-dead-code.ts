import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { parse } from '@babel/parser';
import { collectNames, generate, parseProgram, traverse } from './ast.js';
import { hoistedBy } from './hoisting.js';
import { FreshNames } from './names.js';
import type { Transform } from './types.js';

/**
 * Inserts statements from a snippet pool that can never change behaviour: inside `if (false) { … }`
 * or as the body of an unused arrow bound to a fresh name. Snippets that would declare anything
 * outside their own block (a `var`, a block function under Annex B) or that need a particular
 * context (`return`, `yield`, `await`, `arguments`, `super`, `new.target`) are not used.
 */
export const insertDeadCode: Transform = {
  info: {
    name: 'insert-dead-code',
    preservesSemantics: true,
    describe: 'insert unreachable or unused statements built from a snippet pool',
  },
  async apply(source, { rng, sourceType, deadCodeSnippets }) {
    const pool = usableSnippets(deadCodeSnippets);
    if (pool.length === 0) return source;
    const ast = parseProgram(source, { sourceType });
    const fresh = new FreshNames(collectNames(ast), rng);

    const lists: t.Statement[][] = [];
    traverse(ast, {
      Program: ({ node }) => void lists.push(node.body),
      BlockStatement: ({ node }) => void lists.push(node.body),
      StaticBlock: ({ node }) => void lists.push(node.body),
    });
    const insertions = 1 + rng.int(3);
    for (let i = 0; i < insertions; i++) {
      const body = rng.pick(lists);
      const statements = t.cloneNode(rng.pick(pool), true).body;
      const dead = rng.chance(0.6)
        ? t.ifStatement(t.booleanLiteral(false), t.blockStatement(statements))
        : t.variableDeclaration('const', [
            t.variableDeclarator(t.identifier(fresh.next()), t.arrowFunctionExpression([], t.blockStatement(statements))),
          ]);
      body.splice(rng.int(body.length + 1), 0, dead);
    }
    return generate(ast);
  },
};

// Parsed snippets by text: corpus workers pass fresh arrays of mostly the same snippets.
const snippetCache = new Map<string, t.BlockStatement | null>();
const SNIPPET_CACHE_LIMIT = 10_000;

/** Parsed snippets that are safe to drop into any statement list. */
export function usableSnippets(snippets: readonly string[]): t.BlockStatement[] {
  return snippets.flatMap((snippet) => {
    let block = snippetCache.get(snippet);
    if (block === undefined) {
      const parsed = parseSnippet(snippet);
      block = parsed && isContextFree(parsed) ? parsed : null;
      if (snippetCache.size >= SNIPPET_CACHE_LIMIT) snippetCache.clear();
      snippetCache.set(snippet, block);
    }
    return block ? [block] : [];
  });
}

function parseSnippet(snippet: string): t.BlockStatement | null {
  try {
    // Strict script: rejects `with`, octal literals, `yield`/`await`/`return` at the top.
    const file = parse(snippet, { sourceType: 'script', strictMode: true });
    // A snippet that is one function or class declaration becomes an expression: no hoisting.
    const body = file.program.body.map((statement): t.Statement => {
      if (t.isFunctionDeclaration(statement)) return t.expressionStatement(t.toExpression(statement));
      return statement;
    });
    if (body.length === 0) return null;
    return t.blockStatement(body);
  } catch {
    return null;
  }
}

function isContextFree(block: t.BlockStatement): boolean {
  const hoisted = hoistedBy(block);
  if (hoisted.vars.length > 0 || hoisted.hasFunctionDeclaration) return false;
  let free = true;
  const file = t.file(t.program([block]));
  traverse(file, {
    Identifier(path) {
      if (['arguments', 'await', 'yield', 'eval'].includes(path.node.name)) free = false;
    },
    'Super|MetaProperty|Import|AwaitExpression|YieldExpression|PrivateName|ReturnStatement'(path: NodePath) {
      // Inside a snippet's own functions or classes these are fine; at its top they are not.
      if (!path.findParent((parent) => parent.isFunction() || parent.isClass())) free = false;
    },
  });
  return free;
}
