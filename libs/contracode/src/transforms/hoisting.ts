import * as t from '@babel/types';

export interface Hoisted {
  /** Names declared with `var` (they exist in the whole function, even if never reached). */
  vars: string[];
  /** A function declaration in a block: in sloppy mode it also makes a function-wide binding (Annex B). */
  hasFunctionDeclaration: boolean;
  /** A `let`/`const`/`class` declared directly by the statement (not in a nested block). */
  hasLexicalDeclaration: boolean;
}

/** What removing `node` would remove from the enclosing function's scope. */
export function hoistedBy(node: t.Node): Hoisted {
  const result: Hoisted = {
    vars: [],
    hasFunctionDeclaration: false,
    hasLexicalDeclaration:
      t.isClassDeclaration(node) || (t.isVariableDeclaration(node) && node.kind !== 'var'),
  };
  const visit = (current: t.Node): void => {
    if (t.isFunctionDeclaration(current)) {
      result.hasFunctionDeclaration = true;
      return;
    }
    // A nested function, class body or static block has scopes of its own.
    if (t.isFunction(current) || t.isClass(current) || t.isStaticBlock(current)) return;
    if (t.isVariableDeclaration(current) && current.kind === 'var') {
      for (const declarator of current.declarations) result.vars.push(...Object.keys(t.getBindingIdentifiers(declarator.id)));
    }
    for (const key of t.VISITOR_KEYS[current.type] ?? []) {
      const child = (current as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as t.Node);
      } else if (child && typeof child === 'object' && 'type' in child) {
        visit(child as t.Node);
      }
    }
  };
  visit(node);
  return result;
}

/**
 * Statements that keep the declarations of removed code alive: `var x;` declares without
 * assigning, so the binding survives and nothing runs. Null when the code cannot be removed.
 */
export function residueOf(nodes: readonly t.Node[]): t.Statement[] | null {
  const vars: string[] = [];
  for (const node of nodes) {
    const hoisted = hoistedBy(node);
    if (hoisted.hasFunctionDeclaration || hoisted.hasLexicalDeclaration) return null;
    vars.push(...hoisted.vars);
  }
  const unique = [...new Set(vars)];
  return unique.length === 0 ? [] : [t.variableDeclaration('var', unique.map((name) => t.variableDeclarator(t.identifier(name))))];
}
