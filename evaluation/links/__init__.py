"""The link checker of the inspection workbench (issue 12, Links): extractor.py renders and parses pages,
internal.py resolves group targets in bulk, external.py checks links leaving the group, checker.py ties them."""
