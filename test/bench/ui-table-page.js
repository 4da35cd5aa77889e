// Runs in the page (added as an init script by ui-table.ts): the timers the UI figures read.
// Plain JavaScript, as it is handed to Chromium as it is.
globalThis.benchTable = {
  /** Milliseconds from a click on the Subscribers link to the frame after the first loaded row was rendered. */
  navigationToRows() {
    return new Promise((resolve) => {
      const link = [...document.querySelectorAll('a')].find((a) => a.getAttribute('href') === '#/subscribers');
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-row].loaded')) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      link.click();
    });
  },

  /** Whether some loaded row's name contains `text` (with `every`, all of them do). */
  rowsMatch(text, every) {
    const names = [...document.querySelectorAll('[data-row].loaded > :first-child')].map((cell) => cell.textContent.toLowerCase());
    return names.length > 0 && (every ? names.every((name) => name.includes(text)) : names.some((name) => name.includes(text)));
  },

  /** Times the next keystroke until every row shown matches `text` (debounce and query included); read with `searchTook`. */
  armSearch(text) {
    this.searchTook = new Promise((resolve) => {
      let t0 = 0;
      const observer = new MutationObserver(() => {
        if (!t0 || !this.rowsMatch(text, true)) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      });
      const start = () => {
        t0 = performance.now();
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      };
      document.addEventListener('keydown', start, { once: true, capture: true });
    });
  },

  /** Starts recording frame times (requestAnimationFrame deltas). */
  startFrames() {
    this.frames = [];
    this.framing = true;
    let last = performance.now();
    const tick = (now) => {
      this.frames.push(now - last);
      last = now;
      if (this.framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },

  /** Stops recording; the frame times since `startFrames`, the first (partial) one left out. */
  stopFrames() {
    this.framing = false;
    return this.frames.slice(1);
  },

  /** Whether the table shows loaded rows with the search box empty. */
  unfiltered() {
    return document.querySelectorAll('[data-row].loaded').length > 5 && !document.querySelector('input[type=search]').value;
  },
};
