/** What the keyboard user sees on the focused element: its focus ring and how it stands out. */
import type { Page } from '@playwright/test';

export interface FocusRing {
  /** The focused element, for a failure message: tag, test id or text. */
  element: string;
  /** Where the ring is drawn: the element itself or the control around it (a text field's box). */
  ring: string | null;
  /** The ring colour against what is behind it (WCAG contrast ratio, 1–21). */
  contrast: number;
}

/**
 * Measures the ring of the focused element in the page. The ring may be the element's outline or a
 * box-shadow, on it or on the control wrapping it (naive-ui draws a text field's focus on its box);
 * a translucent colour counts as blended over the background it sits on.
 */
export function focusedRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const doc = (globalThis as unknown as { document: { activeElement: HTMLElementLike | null; body: HTMLElementLike } }).document;
    interface HTMLElementLike {
      tagName: string;
      parentElement: HTMLElementLike | null;
      textContent: string | null;
      getAttribute(name: string): string | null;
      matches(selector: string): boolean;
      getBoundingClientRect(): { width: number; height: number };
    }
    const style = (el: HTMLElementLike, pseudo?: string) =>
      (globalThis as unknown as { getComputedStyle(el: HTMLElementLike, pseudo?: string): Record<string, string> }).getComputedStyle(el, pseudo);

    const parse = (text: string): Rgba | null => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(text);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    /** What is painted behind `el`: the translucent layers of its ancestors, over white. */
    const backdrop = (el: HTMLElementLike | null): Rgba => {
      const layers: Rgba[] = [];
      for (let at = el; at; at = at.parentElement) {
        const color = parse(style(at).backgroundColor);
        if (color && color[3] > 0) {
          layers.push(color);
          if (color[3] === 1) break;
        }
      }
      return layers.reverse().reduce<Rgba>((below, top) => over(top, below), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    /** The ring colours drawn by `el` (or its ::before box): a visible outline, and each box-shadow that reaches outside it. */
    const rings = (el: HTMLElementLike, pseudo?: string): Array<[string, Rgba]> => {
      const s = style(el, pseudo);
      const out: Array<[string, Rgba]> = [];
      const outline = parse(s.outlineColor);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && outline) out.push(['outline', outline]);
      if (s.boxShadow && s.boxShadow !== 'none') {
        for (const shadow of s.boxShadow.split(/,(?![^(]*\))/)) {
          const color = parse(shadow);
          const lengths = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
          const [, , blur = 0, spread = 0] = lengths;
          if (color && !shadow.includes('inset') && (spread > 0 || blur > 0)) out.push(['box-shadow', color]);
        }
      }
      return out;
    };

    const focused = doc.activeElement;
    if (!focused || focused === doc.body) return null;
    const name =
      focused.getAttribute('data-testid') ?? focused.getAttribute('aria-label') ?? (focused.textContent ?? '').trim().slice(0, 40);
    const element = `${focused.tagName.toLowerCase()} "${name}"`;
    let best: { ring: string; contrast: number } | null = null;
    // The element, then the controls around it that show its focus (":focus-within"), three levels up at most.
    let at: HTMLElementLike | null = focused;
    for (let level = 0; at && level < 4; level++, at = at.parentElement) {
      if (level > 0 && !at.matches(':focus-within')) break;
      // A ring on something not painted (a radio's hidden input) is no ring.
      const box = at.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || style(at).opacity === '0') continue;
      const behind = backdrop(at.parentElement);
      for (const [kind, color] of [...rings(at), ...rings(at, '::before')]) {
        const ratio = contrast(over(color, behind), behind);
        if (!best || ratio > best.contrast) best = { ring: `${kind} on ${at.tagName.toLowerCase()}${level ? ` (${level} up)` : ''}`, contrast: ratio };
      }
    }
    return { element, ring: best?.ring ?? null, contrast: Math.round((best?.contrast ?? 1) * 100) / 100 };
  });
}

/** Presses Tab `count` times and measures the ring of each element the focus lands on. */
export async function tabAndMeasure(page: Page, count: number): Promise<FocusRing[]> {
  const seen: FocusRing[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const ring = await focusedRing(page);
    if (ring) seen.push(ring);
  }
  return seen;
}
