/** A small element builder: `h('p', { class: 'note' }, 'text', child)`. Text is never parsed as HTML. */
type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** "Title (Publisher, 2024)", linked when the source has a URL. */
export function sourceLine(s: {
  title: string;
  publisher: string;
  year: number;
  url: string | null;
  official: boolean;
}) {
  // Only web links: a record stored before URLs were checked could hold a `javascript:` one.
  const link = s.url && /^https?:\/\//i.test(s.url);
  const title = link ? h('a', { href: s.url, rel: 'noopener' }, s.title) : s.title;
  return h('span', { class: 'source' }, title, ` (${s.publisher}, ${s.year}${s.official ? ', official' : ''})`);
}

/** Replaces `parent`'s children, skipping empty ones (`null`, `false`) and flattening lists. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren(
    ...children
      .flat()
      .flatMap((c) => (c === null || c === undefined || c === false ? [] : [c instanceof Node ? c : String(c)])),
  );
}
