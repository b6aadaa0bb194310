import { parseSize, UsageError } from '@strata/cli';

const RANGE = /^(.+)\.\.(.+)\/(.+)$/;
const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

function amount(text: string, whole: string): { value: number; percent: boolean } {
  const percent = PERCENT.exec(text);
  if (percent) return { value: Number(percent[1]), percent: true };
  if (text.includes('%'))
    throw new UsageError(`budgets '${whole}': '${text}' is not a percentage like 60%`);
  return { value: parseSize(text, `budgets '${whole}': bound`), percent: false };
}

/**
 * Expands a budget list for a sweep: comma-separated budgets (`60%`, `4GB`, `1234`) and ranges
 * `LO..HI/STEP` in one unit (`50%..100%/10` = 50%, 60%, …, 100%; `1GB..4GB/1GB`). Each result is
 * a budget string planRemat accepts.
 */
export function expandBudgets(spec: string): string[] {
  const items = spec.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new UsageError(
      `budgets '${spec}' has an empty item: write e.g. 50%..100%/10 or 60%,80%,4GB`,
    );
  }
  const budgets: string[] = [];
  for (const item of items) {
    const range = RANGE.exec(item);
    if (range === null) {
      amount(item, spec);
      budgets.push(item);
      continue;
    }
    const lo = amount(range[1] ?? '', spec);
    const hi = amount(range[2] ?? '', spec);
    const stepText = range[3] ?? '';
    const step =
      lo.percent && !stepText.includes('%') ? Number(stepText) : amount(stepText, spec).value;
    if (lo.percent !== hi.percent || (!lo.percent && stepText.includes('%'))) {
      throw new UsageError(
        `budgets '${item}': both ends and the step must be percentages or both sizes`,
      );
    }
    if (!Number.isFinite(step) || step <= 0) {
      throw new UsageError(`budgets '${item}': the step '${stepText}' must be a positive number`);
    }
    if (hi.value < lo.value)
      throw new UsageError(`budgets '${item}': the range ends below its start`);
    const count = Math.floor((hi.value - lo.value) / step + 1e-9) + 1;
    if (count > 1000)
      throw new UsageError(`budgets '${item}' expands to ${count} budgets: use a larger step`);
    for (let i = 0; i < count; i += 1) {
      const value = lo.value + i * step;
      budgets.push(lo.percent ? `${Number(value.toFixed(6))}%` : String(Math.round(value)));
    }
  }
  return budgets;
}
