/**
 * Charts as SVG: a vega-lite spec compiled and rendered headless (no canvas, no browser). Its own
 * entry (`@strata/cli/charts`), so only the commands that draw a picture load vega.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
