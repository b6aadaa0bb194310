/* eslint-disable */
interface Config {
  name?: string;
  retries?: number;
  tags: string[];
}
const raw: unknown = JSON.parse('{"name":"svc","tags":["a","b"]}');
const config = raw as Config;
const first = config.tags.find((t) => t === 'b')!;
const retries = config.retries ?? 3;
const checked = { port: 8080, host: 'localhost' } satisfies Record<string, string | number>;
let later!: number;
later = retries * 2;
console.log(config.name!.toUpperCase(), first, retries, later, <number>checked.port + 1);
