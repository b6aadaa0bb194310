/**
 * The built-in pool for dead-code insertion: ordinary statements of the kind found in real code.
 * The corpus builder passes snippets taken from other functions instead (`deadCodeSnippets`).
 */
export const DEFAULT_DEAD_CODE_SNIPPETS: readonly string[] = [
  'console.log("unreachable");',
  'let total = 0;\nfor (let i = 0; i < 10; i++) {\n  total += i;\n}',
  'const parts = String(Date.now()).split("");\nparts.reverse();',
  'throw new Error("not implemented");',
  'const cache = new Map();\ncache.set("key", cache.size + 1);',
  'let attempts = 3;\nwhile (attempts > 0) {\n  attempts--;\n}',
  'const message = `value: ${Math.max(1, 2)}`;\nconsole.error(message);',
  'try {\n  JSON.parse("{}");\n} catch (error) {\n  console.warn(error);\n}',
  'const items = [3, 1, 2].sort((a, b) => a - b);\nitems.push(items.length);',
  'if (typeof process !== "undefined") {\n  process.exitCode = 1;\n}',
  'const point = { x: 1, y: 2 };\nconst { x, y } = point;\nconsole.log(x + y);',
  'for (const key of Object.keys({ a: 1 })) {\n  console.log(key);\n}',
  'const doubled = [1, 2, 3].map((n) => n * 2).filter(Boolean);',
  'switch (Math.sign(-1)) {\n  case -1:\n    console.log("negative");\n    break;\n  default:\n    console.log("other");\n}',
  'class Counter {\n  count = 0;\n  increment() {\n    return ++this.count;\n  }\n}\nnew Counter().increment();',
  'const text = "a,b,c".split(",").join(";");\nconsole.log(text.toUpperCase());',
  'const handler = function onEvent(event) {\n  return event && event.type;\n};\nhandler({ type: "click" });',
  'let node = { next: null };\nwhile (node) {\n  node = node.next;\n}',
  'const timer = setTimeout(() => {}, 0);\nclearTimeout(timer);',
  'const buffer = [];\ndo {\n  buffer.push(buffer.length);\n} while (buffer.length < 4);',
];
