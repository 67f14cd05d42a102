/**
 * Vega-Lite → SVG without a browser: compile the specification with vega-lite, parse it with vega and render it
 * with the headless `none` renderer (vega 6.4 / vega-lite 6.4 run on Node 20: shared/notes/stack.md). Every chart
 * lagrangelab writes goes through here, so figures are declared data and encodings, never hand-drawn paths.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Render a Vega-Lite specification (with inline data) to an SVG document. */
export async function renderVegaLiteSvg(spec: Record<string, unknown>): Promise<string> {
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
