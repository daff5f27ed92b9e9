// Entry: applies the saved theme before the first paint, then renders the app.
import { render } from "preact";
import { App } from "./app.js";
import { applyTheme, savedTheme } from "./theme.js";
import "./styles.css";

applyTheme(savedTheme());
render(<App />, document.getElementById("app") as HTMLElement);
