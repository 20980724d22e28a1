"""Route modules: each parses a request, calls the core, renders a page. No business logic here."""
