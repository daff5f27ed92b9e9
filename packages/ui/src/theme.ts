// Light, dark, or the system's choice; remembered in localStorage.

/** The three theme settings. */
export type Theme = "system" | "light" | "dark";

const STORAGE = "cortex-mem.theme";

/** The saved theme (system when none). */
export function savedTheme(): Theme {
  const t = localStorage.getItem(STORAGE);
  return t === "light" || t === "dark" ? t : "system";
}

/** Applies and saves a theme: `data-theme` on <html> overrides prefers-color-scheme. */
export function applyTheme(theme: Theme): void {
  if (theme === "system") {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(STORAGE);
  } else {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(STORAGE, theme);
  }
}
