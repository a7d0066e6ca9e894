"""Models of the inspection workbench, one module per concern (runs, words, links); import each here."""
