"""Scripts and helpers for developers and CI: the browser, the README pictures, the CLI reference."""
