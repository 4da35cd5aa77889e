/** Puts the keyboard on a screen's first field, so she can type (or press Enter) without the mouse. */
export function focusFirstField(root: HTMLElement | null | undefined): boolean {
  if (!root) return false;
  const target =
    root.querySelector<HTMLElement>('[data-autofocus]') ??
    root.querySelector<HTMLElement>('input:not([disabled]):not([type="hidden"]):not([readonly]), textarea:not([disabled]):not([readonly])');
  if (!target) return false;
  target.focus();
  return document.activeElement === target;
}
