"""Built-in content (exercise files and programs) and the loader that validates it."""
