// A labelled select for the colour theme.
import { useState } from "preact/hooks";
import { applyTheme, savedTheme } from "../theme.js";
import type { Theme } from "../theme.js";

/** Light, dark or system theme. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(savedTheme);
  return (
    <label class="theme">
      <span class="sr-only">Theme</span>
      <select
        value={theme}
        onChange={(e) => {
          const t = (e.currentTarget as HTMLSelectElement).value as Theme;
          setTheme(t);
          applyTheme(t);
        }}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
