/**
 * A figure's files: its Vega-Lite specification rendered to SVG (vega.ts) and from the SVG a PNG
 * (@resvg/resvg-js: no browser), for viewers that cannot show SVG. Text is drawn with the system's fonts.
 */
import { Resvg } from '@resvg/resvg-js';
import { renderVegaLiteSvg } from './vega.ts';

/** The SVG document and its PNG rendering (2× scale, white background). */
export async function renderFigure(spec: Record<string, unknown>): Promise<{ svg: string; png: Buffer }> {
  const svg = await renderVegaLiteSvg(spec);
  const png = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true } }).render().asPng();
  return { svg, png };
}
