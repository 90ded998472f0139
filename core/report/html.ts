/**
 * Building HTML by hand, safely: every value interpolated into
 * {@linkcode html} is escaped unless it is already {@linkcode Html}. The
 * report shows feature values, labels and messages taken from data; none of
 * them may turn into markup.
 *
 * @module
 */

/** Markup that is safe to insert as it is. */
export class Html {
  /** The markup. */
  readonly text: string;

  /** Wraps markup that is known to be safe; prefer {@linkcode html}. */
  constructor(text: string) {
    this.text = text;
  }

  /** The markup. */
  toString(): string {
    return this.text;
  }
}

const _ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for an HTML element or a quoted attribute.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./html.ts";
 * if (escapeHtml(`<a href="x">'&'</a>`) !== "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;") throw new Error();
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => _ENTITIES[c]!);
}

/**
 * A template tag: values are escaped, {@linkcode Html} values inserted as
 * they are, arrays joined, and `null`, `undefined` and `false` left out (so
 * `${cond && html`…`}` works).
 *
 * @example
 * ```ts
 * import { html } from "./html.ts";
 * const name = "<img src=x onerror=alert(1)>";
 * const out = html`<ul>${[1, 2].map((k) => html`<li>${k}</li>`)}</ul><p>${name}</p>${false}`;
 * if (out.text !== "<ul><li>1</li><li>2</li></ul><p>&lt;img src=x onerror=alert(1)&gt;</p>") throw new Error(out.text);
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, k) => {
    out += _piece(v) + strings[k + 1]!;
  });
  return new Html(out);
}

function _piece(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(_piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}
