async function mapAsync<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) out.push(await fn(item, i));
  return out;
}
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
async function main(): Promise<void> {
  const result = await mapAsync([3, 1, 2], async (n, i) => {
    await wait(n);
    return `${i}:${n * n}`;
  });
  console.log(result.join(' '));
}
void main();
