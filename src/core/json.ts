/**
 * JSON helpers for the instance and run files: a deterministic, diff-friendly formatter (one matrix row or one
 * trace row per line) and a locator for the first syntax error (V8's messages do not always give a position).
 */

/** Flat row-major rows×cols array → nested rows (number[][]). */
export function toRows(a: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = new Array(cols);
    for (let j = 0; j < cols; j++) row[j] = a[i * cols + j];
    out.push(row);
  }
  return out;
}

/**
 * Pretty JSON where every array or object whose children are all primitives is written on one line. Numbers use
 * JSON.stringify's shortest round-trip form, so parsing restores the same doubles and output is deterministic.
 */
export function formatJson(v: unknown, indent = ''): string {
  if (isLeaf(v)) return JSON.stringify(v) ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + formatJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${formatJson(x, inner)}`).join(',\n')}\n${indent}}`;
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function isLeaf(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (Array.isArray(v)) return v.every(isPrimitive);
  return Object.values(v as Record<string, unknown>).every(isPrimitive);
}

/**
 * Where and why `JSON.parse(text)` failed, for a one-line message: position, line and column, the text there,
 * and a hint for NaN/Infinity (which JSON lacks). `e` is the error JSON.parse threw.
 */
export function describeJsonError(text: string, e: unknown): string {
  let pos = jsonErrorPosition(text);
  if (pos < 0) {
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    pos = m ? Number(m[1]) : text.length;
  }
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  const at = pos >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text.slice(pos, pos + 12))}`;
  const hint = /^-?(NaN|Infinity)/.test(text.slice(pos)) ? '; JSON has no NaN or Infinity' : '';
  return `position ${pos}, line ${line} column ${col}: ${at}${hint}`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Offset of the first JSON syntax error in `s` (RFC 8259 grammar), or −1 if `s` is valid JSON. */
export function jsonErrorPosition(s: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const str = (): void => {
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c !== 92) {
        i++;
        continue;
      }
      i++;
      const e = s[i];
      if (e === 'u') {
        HEX4.lastIndex = i + 1;
        if (!HEX4.test(s)) fail();
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else fail();
    }
    fail();
  };
  const value = (): void => {
    ws();
    const ch = s[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (s[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (ch === '{') {
          ws();
          if (s[i] !== '"') fail();
          str();
          ws();
          if (s[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '"') return str();
    for (const lit of ['true', 'false', 'null']) {
      if (s.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (!m) fail();
    else i += m[0].length;
  };
  try {
    value();
    ws();
    if (i < s.length) fail();
    return -1;
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return e.pos;
    if (e instanceof RangeError) return -1; // nesting deeper than the stack: let the caller use V8's message
    throw e;
  }
}

class JsonSyntaxAt {
  constructor(readonly pos: number) {}
}
